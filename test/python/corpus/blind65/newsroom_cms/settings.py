"""Django settings for the newsroom CMS."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "dj-7f#q2v!nwsrm@k8x0$u^w3p1z6r9t_cms-4e1b"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["cms.newsroom.example", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "newsroom_cms.articles",
    "newsroom_cms.newsletter",
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

ROOT_URLCONF = "newsroom_cms.urls"

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
        "NAME": os.environ.get("CMS_DB_NAME", "newsroom"),
        "USER": os.environ.get("CMS_DB_USER", "cms"),
        "PASSWORD": os.environ["CMS_DB_PASSWORD"],  #@safe
        "HOST": os.environ.get("CMS_DB_HOST", "localhost"),
        "PORT": os.environ.get("CMS_DB_PORT", "5432"),
    }
}

# Kept for editors whose accounts were migrated from the old CMS.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.UnsaltedMD5PasswordHasher"]  #@vuln CWE-916|CWE-328

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
CSRF_COOKIE_SECURE = True  #@safe

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = "/srv/newsroom/static"
MEDIA_URL = "/media/"
MEDIA_ROOT = "/srv/newsroom/media"
EXPORT_ROOT = "/srv/newsroom/exports"

AWS_STORAGE_BUCKET_NAME = os.environ.get("MEDIA_BUCKET", "newsroom-media")
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY")  #@safe

NEWSLETTER_TEMPLATES = BASE_DIR / "newsletter" / "templates"
NEWSLETTER_FROM = "Newsroom Briefing <briefing@newsroom.example>"
SMTP_CA_BUNDLE = os.environ.get("SMTP_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")

PREVIEW_BOT_USER_AGENT = "NewsroomPreviewBot/2.1 (+https://newsroom.example/bot)"
