"""Django settings for the Haulwise dispatcher back office."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "7h#q2v!x0m$k9w@d1spatch-rq8^zt3l%bfe0u6yc+n4"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["dispatch.haulwise.io", "backoffice.haulwise.internal", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "backoffice",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "backoffice.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("BACKOFFICE_DB_NAME", "haulwise"),
        "USER": os.environ.get("BACKOFFICE_DB_USER", "backoffice"),
        "PASSWORD": os.environ["BACKOFFICE_DB_PASSWORD"],  #@safe
        "HOST": os.environ.get("BACKOFFICE_DB_HOST", "pg-primary"),
        "PORT": os.environ.get("BACKOFFICE_DB_PORT", "5432"),
    }
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]  #@vuln CWE-916|CWE-328

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 10

CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

EXPORT_DIR = os.environ.get("BACKOFFICE_EXPORT_DIR", "/var/lib/haulwise/exports")
MANIFEST_PRINTER = os.environ.get("BACKOFFICE_PRINTER", "dispatch-hp-m605")
DRIVER_DATA_KEY = os.environ.get("DRIVER_DATA_KEY", "")

LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.haulwise.internal")
LDAP_BASE_DN = "ou=people,dc=haulwise,dc=io"
LDAP_BIND_DN = "cn=backoffice,ou=services,dc=haulwise,dc=io"
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
