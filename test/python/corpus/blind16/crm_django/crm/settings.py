import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-changeme-crm-key"  #@vuln CWE-798|CWE-259
DEBUG = True  #@vuln CWE-489|CWE-215
ALLOWED_HOSTS = ["crm.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "contacts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "crm.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "crm",
        "USER": "crm",
        "PASSWORD": os.environ.get("CRM_DB_PASSWORD", ""),
        "HOST": os.environ.get("CRM_DB_HOST", "db.internal"),
        "PORT": 5432,
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #@vuln CWE-327|CWE-328
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

SESSION_COOKIE_SECURE = False  #@vuln CWE-614|CWE-1004
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

EXPORT_ROOT = BASE_DIR / "exports"
STATIC_URL = "/static/"
TIME_ZONE = "UTC"
USE_TZ = True
