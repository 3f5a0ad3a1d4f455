"""Django settings for the inventory project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-9x!k2m@q7#v$e4w8z1p0r6t5y3u"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489

ALLOWED_HOSTS = ["inventory.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "inventory",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "inventory",
        "USER": "inventory_app",
        "PASSWORD": "Inv3ntory!2024",  #@vuln CWE-798
        "HOST": "db.internal",
        "PORT": "5432",
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "inventory",
        "USER": "inventory_ro",
        "PASSWORD": os.environ.get("REPLICA_DB_PASSWORD", ""),  #@safe
        "HOST": "replica.internal",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600  #@safe
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

EMAIL_HOST = "smtp.example.com"
EMAIL_HOST_USER = "noreply@example.com"
EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]  #@safe

STRIPE_API_KEY = os.getenv("STRIPE_API_KEY")  #@safe
SENTRY_DSN = ""
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STATIC_URL = "/static/"
