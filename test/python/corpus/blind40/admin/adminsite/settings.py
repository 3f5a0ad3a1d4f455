"""Django settings for the identity admin console."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-9x!u2k$0r7w@c3m#q8v^h1z&p5l6n4t-b")  #@vuln CWE-798

DEBUG = True  #@vuln CWE-215|CWE-489

ALLOWED_HOSTS = ["admin.acme-corp.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "users",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "adminsite.urls"
WSGI_APPLICATION = "adminsite.wsgi.application"

TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [BASE_DIR / "templates"], "APP_DIRS": True}]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("ADMIN_DB_NAME", "identity"),
        "USER": os.environ.get("ADMIN_DB_USER", "identity_admin"),
        "PASSWORD": os.environ["ADMIN_DB_PASSWORD"],
        "HOST": os.environ.get("ADMIN_DB_HOST", "pg-identity.internal"),
        "PORT": "5432",
    }
}

MONGO_URL = os.environ.get("AUDIT_MONGO_URL", "mongodb://audit-mongo.internal:27017/audit")

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",  #@vuln CWE-916
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]

SESSION_COOKIE_SECURE = True  #@safe
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 4 * 3600
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = ["https://admin.acme-corp.com"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000

CORS_ALLOWED_ORIGINS = ["https://app.acme-corp.com"]
CORS_ALLOW_CREDENTIALS = True  #@safe

EXPORT_DIR = "/srv/admin/exports"
IMPORT_TMP_DIR = "/srv/admin/tmp"
LDAP_SYNC_BIN = "/opt/idsvc/bin/sync-ldap"
GATEWAY_USER_HEADER = "HTTP_X_ACME_USER"

STATIC_URL = "static/"
USE_TZ = True
