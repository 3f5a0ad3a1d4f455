"""Django settings for the catalog service."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "django-insecure-7h$k2@p!x9v#qz1m8r4t0w5e6y3u&c_catalog"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "catalog.acme.io,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "catalog",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "catalog.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("CATALOG_DB", "catalog"),
        "USER": os.environ.get("CATALOG_DB_USER", "catalog"),
        "PASSWORD": os.environ.get("CATALOG_DB_PASSWORD"),
        "HOST": os.environ.get("CATALOG_DB_HOST", "db"),
    }
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.UnsaltedMD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]  #@vuln CWE-916|CWE-328

CORS_ALLOWED_ORIGINS = ["https://shop.acme.io", "https://admin.acme.io"]
CORS_ALLOW_CREDENTIALS = True

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/catalog/media")
THUMB_ROOT = os.path.join(MEDIA_ROOT, "thumbs")
STATIC_URL = "/static/"
