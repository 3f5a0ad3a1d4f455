"""Django settings for the finance / compliance back office (backoffice.acme-fin.com)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "dj-9x!k2#q7v@w4m8p$r1t6y3z&c0e^g5h*j(l)n_b-s+u=f"  #@vuln CWE-798
DEBUG = True  #@vuln CWE-489|CWE-215
ALLOWED_HOSTS = ["backoffice.acme-fin.com", "backoffice.internal"]

INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages", "backoffice"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "backoffice.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [BASE_DIR / "templates"], "APP_DIRS": True}]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PGDATABASE", "payments"),
        "HOST": os.environ.get("PGHOST", "db-primary"),
        "USER": os.environ.get("PGUSER", "backoffice"),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
    }
}

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_SECURE = True

AWS_REGION = "eu-central-1"
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "q8Zt3vLw9XkP2rN7mB4yH6cJ1dF5gS0aE3uR8iO2")  #@vuln CWE-798
KYC_BUCKET = os.environ.get("KYC_BUCKET", "acme-kyc-documents")
KYC_SCRATCH_DIR = "/var/lib/backoffice/kyc-scratch"
STATEMENTS_DIR = "/srv/statements"
INVOICE_TEMPLATE_DIR = BASE_DIR / "templates" / "invoices"
INVOICE_ATTACHMENTS_DIR = "/srv/invoice-attachments"
INVOICE_ASSET_URL = "https://static.acme-fin.com/invoices/"
USE_TZ = True
