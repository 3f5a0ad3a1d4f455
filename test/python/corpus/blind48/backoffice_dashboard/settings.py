"""Django settings for the Oscar back-office dashboard (production)."""
import os
from pathlib import Path

from oscar.defaults import *  # noqa: F401,F403

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dj-7h$k2!x9v@q3m#p0r8w1z5c6b4n_e-yt%Lq^0aa")  #@vuln CWE-798
DEBUG = True  #@vuln CWE-489|CWE-215
ALLOWED_HOSTS = ["backoffice.acme-retail.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
    "django.contrib.sites", "django.contrib.flatpages", "corsheaders",
    *[f"oscar.apps.{app}.apps.{app.title()}Config" for app in (
        "analytics", "checkout", "address", "shipping", "catalogue", "partner",
        "basket", "payment", "offer", "order", "customer", "dashboard")],
    "oscar.config.Shop", "dashboard_ext", "sorl.thumbnail", "django_tables2",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
]

ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PGDATABASE", "retail"),
        "USER": os.environ.get("PGUSER", "backoffice"),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
        "HOST": os.environ.get("PGHOST", "db.internal"),
        "PORT": os.environ.get("PGPORT", "5432"),
    }
}

# The merchandising SPA on merch.acme-retail.com calls our JSON views with
# the staff session, and it moves between preview domains, so open it up.
CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INVOICE_ROOT = "/srv/backoffice/invoices"
LABEL_ROOT = "/var/lib/fulfilment/labels"
STATIC_ROOT = "/srv/backoffice/static"
STATIC_URL = "/static/"

OSCAR_SHOP_NAME = "ACME Home & Garden"
OSCAR_DEFAULT_CURRENCY = "GBP"
