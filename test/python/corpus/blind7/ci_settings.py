"""Django settings for the buildyard CI service (staging profile)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-r8#2k!v0q$9mz@x1t&l4w7p"  #@vuln CWE-798|CWE-259

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["buildyard-staging.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "pipelines",
    "artifacts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "buildyard",
        "USER": "buildyard",
        "PASSWORD": "Bu1ldyard-Stg-2024!",  #@vuln CWE-798|CWE-259
        "HOST": os.environ.get("DB_HOST", "db"),
        "PORT": 5432,
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "buildyard_stats",
        "USER": os.environ.get("STATS_DB_USER", "stats"),
        "PASSWORD": os.environ["STATS_DB_PASSWORD"],  #@safe
        "HOST": os.environ.get("STATS_DB_HOST", "stats-db"),
    },
}

RUNNER_REGISTRATION_TOKEN = os.environ.get("RUNNER_REGISTRATION_TOKEN", "")  #@safe
GITHUB_APP_PRIVATE_KEY_PATH = os.environ.get("GITHUB_APP_KEY_PATH", "/run/secrets/github_app.pem")

ARTIFACT_STORE = {
    "bucket": "buildyard-artifacts-staging",
    "region": "eu-west-1",
    "access_key_id": "AKIAQ4XJ7N2WZ5EXAMPL",
    "secret_access_key": "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",  #@vuln CWE-798
}

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = not DEBUG

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",  #@safe
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
