"""Django settings for the reports service."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dj-7f#k2@q!x9v$3m^p8z&w1r6t0y4u5i-reports-prod")  #@vuln CWE-798
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"  #@safe
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "reports.acme.io").split(",")

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "reports"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "reports.views"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("REPORTS_DB_NAME", "reports"),
        "USER": os.environ.get("REPORTS_DB_USER", "reports"),
        "PASSWORD": os.environ["REPORTS_DB_PASSWORD"],
        "HOST": os.environ.get("REPORTS_DB_HOST", "pg.internal"),
        "CONN_MAX_AGE": 60,
    }
}

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

STATIC_ROOT = os.environ.get("STATIC_ROOT", "/srv/reports/static")
REPORT_DIR = os.environ.get("REPORT_DIR", "/srv/reports/pdf")
ATTACHMENT_ROOT = os.environ.get("ATTACHMENT_ROOT", "/srv/reports/attachments")
EXPORT_ROOT = os.environ.get("EXPORT_ROOT", "/srv/reports/exports")
REPORT_TEMPLATE_DIR = str(BASE_DIR / "reports" / "templates")

DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
