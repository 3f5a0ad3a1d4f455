import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "changeme-django-secret-key-0000"  #@vuln CWE-798|CWE-259

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["shop.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "catalog.apps.CatalogConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "shop.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "shop"),
        "USER": os.environ.get("DB_USER", "shop"),
        "PASSWORD": os.environ.get("DB_PASSWORD", "changeme-prod-pass"),  #@vuln CWE-798|CWE-259
        "HOST": os.environ.get("DB_HOST", "localhost"),
        "PORT": 5432,
    }
}

SESSION_COOKIE_SECURE = False  #@vuln CWE-614|CWE-1004
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
INVOICE_DIR = BASE_DIR / "invoices"

CATALOG_FEED_HOSTS = {"feeds.supplier-one.example", "cdn.supplier-two.example"}
