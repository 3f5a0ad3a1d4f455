"""Django settings for the PawsNet clinic API (patients and appointments)."""
import os
from pathlib import Path

from vetnet_common.config import settings as vetnet

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "7h#x2v!q9m@p4w$r8t&k1z^b6n*c3y(e0u)d5s=pawsnet-clinic-api"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-215

ALLOWED_HOSTS = os.environ.get("CLINIC_API_HOSTS", "api.pawsnet.example,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "clinic_api",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "clinic_api.middleware.PartnerTokenMiddleware",
    "clinic_api.middleware.ClinicWidgetCorsMiddleware",
]

ROOT_URLCONF = "clinic_api.urls"

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
        "ENGINE": "django.db.backends.postgresql",
        "HOST": vetnet.DB_HOST,
        "PORT": vetnet.DB_PORT,
        "NAME": vetnet.DB_NAME,
        "USER": vetnet.DB_USER,
        "PASSWORD": os.environ.get("CLINIC_API_DB_PASSWORD", vetnet.DB_PASSWORD),
        "CONN_MAX_AGE": 60,
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #@vuln CWE-916
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# The booking widget is embedded on each clinic's own website.
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://[a-z0-9-]+\.pawsnet\.example$"]
CORS_ALLOW_CREDENTIALS = True

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
MEDIA_ROOT = str(vetnet.UPLOAD_ROOT)
ATTACHMENT_ROOT = os.path.join(MEDIA_ROOT, "attachments")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://redis.pawsnet.internal:6379/0")
