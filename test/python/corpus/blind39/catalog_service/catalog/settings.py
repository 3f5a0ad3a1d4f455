"""Django settings for the catalog GraphQL service."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-7h#k2w!q9z$e0m@r4x1v8p&c5n3b6t-catalog"  #@vuln CWE-798

# TODO: read from env once the helm chart is fixed
DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["catalog.internal", "catalog.acme-wholesale.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "corsheaders",
    "graphene_django",
    "products",
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

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("CATALOG_DB", "catalog"),
        "USER": os.environ.get("CATALOG_DB_USER", "catalog"),
        "PASSWORD": os.environ["CATALOG_DB_PASSWORD"],
        "HOST": os.environ.get("CATALOG_DB_HOST", "db"),
        "PORT": "5432",
    }
}

# MD5 first so the accounts migrated from the old PHP shop keep working
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #@vuln CWE-916
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

GRAPHENE = {
    "SCHEMA": "products.schema.schema",
    "ATOMIC_MUTATIONS": True,
}

# the merchant dashboard is served from several preview domains
CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

STATIC_URL = "/static/"
EXPORT_ROOT = Path(os.environ.get("CATALOG_EXPORT_ROOT", "/var/lib/catalog/exports"))
IMPORT_ROOT = Path(os.environ.get("CATALOG_IMPORT_ROOT", "/var/lib/catalog/imports"))
MEDIA_ROOT = Path(os.environ.get("CATALOG_MEDIA_ROOT", "/var/lib/catalog/media"))
