"""Django settings for the AgriSense field API."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "t9#q2v!xw8m@l4p0z$k7c1r6b3n5h8j2f0d9s4a7e1u6y3o"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489

ALLOWED_HOSTS = os.environ.get("API_ALLOWED_HOSTS", "api.agrisense.io,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "corsheaders",
    "fieldapi",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "fieldapi.urls"

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
            ]
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": os.environ.get("AGRI_DB_NAME", "agrisense"),
        "USER": os.environ.get("AGRI_DB_USER", "agrisense"),
        "PASSWORD": os.environ["AGRI_DB_PASSWORD"],  #@safe
        "HOST": os.environ.get("AGRI_DB_HOST", "localhost"),
        "PORT": os.environ.get("AGRI_DB_PORT", "5432"),
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #@vuln CWE-916
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "fieldapi.auth.SessionTokenAuthentication",
        "fieldapi.auth.PartnerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}

CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
CSRF_COOKIE_SECURE = True

JWT_PUBLIC_KEY = Path(os.environ.get("JWT_PUBLIC_KEY_FILE", "/etc/agrisense/jwt.pub")).read_text() if os.path.exists(
    os.environ.get("JWT_PUBLIC_KEY_FILE", "/etc/agrisense/jwt.pub")
) else ""
JWT_AUDIENCE = "agrisense-api"

LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.agrisense.local")
LDAP_BASE_DN = os.environ.get("LDAP_BASE_DN", "ou=people,dc=agrisense,dc=local")
LDAP_GROUP_DN = os.environ.get("LDAP_GROUP_DN", "ou=groups,dc=agrisense,dc=local")
LDAP_BIND_DN = os.environ.get("LDAP_BIND_DN", "cn=api,ou=services,dc=agrisense,dc=local")
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")

LABEL_ROOT = os.environ.get("AGRI_LABEL_ROOT", "/var/lib/agrisense/product-labels")
ATTACHMENT_ROOT = os.environ.get("AGRI_ATTACHMENT_ROOT", "/var/lib/agrisense/attachments")
IMPORT_ROOT = os.environ.get("AGRI_IMPORT_ROOT", "/var/lib/agrisense/imports")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://localhost:5672/agri")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
TIME_ZONE = "UTC"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
