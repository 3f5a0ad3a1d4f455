"""Ledger production settings (loaded via DJANGO_SETTINGS_MODULE=ledger.settings)."""
import os
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "k7$w!2r9q@z^x0b3%p+v8m#t1n6c&l5e4y(j)h-f_g=d*s"  #@vuln CWE-798
DEBUG = True  #@vuln CWE-489|CWE-215
ALLOWED_HOSTS = ["ledger.example.com", "api.ledger.example.com", "cms.example.com"]

INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
    "corsheaders", "rest_framework", "channels", "storages", "django_celery_beat",
    "wagtail.contrib.forms", "wagtail.contrib.redirects", "wagtail.embeds", "wagtail.images",
    "wagtail.documents", "wagtail.search", "wagtail.admin", "wagtail", "modelcluster", "taggit",
    "ledger", "newsroom", "live",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "ledger.urls"
ASGI_APPLICATION = "ledger.asgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "ledger"),
        "USER": os.environ.get("DB_USER", "ledger"),
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": os.environ.get("DB_HOST", "db"),
        "CONN_MAX_AGE": 60,
    }
}

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [os.environ.get("REDIS_URL", "redis://redis:6379/1")]},
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",  #@vuln CWE-916|CWE-328
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# CORS: the partner dashboards are on many customer domains
CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.ledger.example.com"
EMAIL_HOST_PASSWORD = "9f3c1a7e52b04d6e8a1f-3e21bb47-2c8d"  #@vuln CWE-798

AWS_STORAGE_BUCKET_NAME = "ledger-media-prod"
AWS_PRIVATE_BUCKET = "ledger-private-prod"
AWS_S3_REGION_NAME = "eu-west-1"
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY")
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3boto3.S3Boto3Storage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

STATEMENT_ROOT = "/var/ledger/statements"
EXPORT_DIR = "/var/ledger/exports"
SCRATCH_DIR = "/var/ledger/scratch"
MEDIA_ROOT = "/var/ledger/media"

JWT_SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]
FIELD_ENCRYPTION_SEED = os.environ["FIELD_ENCRYPTION_SEED"]
LEGACY_FIELD_KEY = os.environ.get("LEGACY_FIELD_KEY", "")
EXPORT_BLOB_KEY = os.environ.get("EXPORT_BLOB_KEY", "").encode()
PARTNER_SALT = os.environ.get("PARTNER_SALT", "")
PARTNER_API_TOKEN = os.environ.get("PARTNER_API_TOKEN", "")
FX_RATES_URL = "https://api.exchangerate.host/latest?base=EUR"
MONGO_URL = os.environ.get("MONGO_URL", "mongodb://mongo:27017")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://redis:6379/0")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE = {
    "sync-partner-feeds": {"task": "ledger.tasks.sync_partner_feeds", "schedule": crontab(minute="*/15")},
    "refresh-fx": {"task": "ledger.tasks.refresh_fx_rates", "schedule": crontab(minute=5)},
    "archive-statements": {"task": "ledger.tasks.archive_last_month", "schedule": crontab(day_of_month=2, hour=3)},
    "run-scheduled-jobs": {"task": "ledger.tasks.run_due_jobs", "schedule": crontab(minute="*")},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}

WAGTAIL_SITE_NAME = "Ledger Newsroom"
WAGTAILADMIN_BASE_URL = "https://cms.example.com"
