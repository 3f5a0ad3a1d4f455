"""Django settings for the Grand Meridian guest portal."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ["PORTAL_SECRET_KEY"]  #@safe

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["portal.grandmeridian.example", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guest_portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "guest_portal.urls"

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
        "NAME": "guest_portal",
        "USER": "portal",
        "PASSWORD": "Gu3stP0rtal#2023",  #@vuln CWE-798
        "HOST": os.environ.get("PORTAL_DB_HOST", "db.internal"),
        "PORT": "5432",
    }
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  #@vuln CWE-916|CWE-328

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Lisbon"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = os.environ.get("PORTAL_MEDIA_ROOT", "/var/lib/guest-portal/media")
MEDIA_URL = "/media/"

INVOICE_PDF_DIR = os.path.join(MEDIA_ROOT, "invoices")
LOYALTY_STATEMENT_DIR = os.path.join(MEDIA_ROOT, "statements")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
