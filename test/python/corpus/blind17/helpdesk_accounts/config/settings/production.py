import os

from .base import *  # noqa: F401,F403

DEBUG = True  #@vuln CWE-489|CWE-215
ALLOWED_HOSTS = ["helpdesk.example.com", ".helpdesk.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "helpdesk",
        "USER": "helpdesk_app",
        "PASSWORD": "changeme-prod-pass",  #@vuln CWE-798|CWE-259
        "HOST": os.environ.get("DB_HOST", "db.internal"),
        "PORT": 5432,
        "CONN_MAX_AGE": 60,
    }
}

SESSION_COOKIE_SECURE = False  #@vuln CWE-614|CWE-1004
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True

EMAIL_HOST = "smtp.example.com"
EMAIL_HOST_USER = "helpdesk-notify"
EMAIL_HOST_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
EMAIL_USE_TLS = True
