import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "accounts",
    "billing",
    "reports",
]

ROOT_URLCONF = "config.urls"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "accounts.auth_backends.CorporateLDAPBackend",
    "django.contrib.auth.backends.ModelBackend",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}

LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.corp.example.com")
LDAP_BASE_DN = "ou=people,dc=corp,dc=example,dc=com"
LDAP_GROUP_BASE = "ou=groups,dc=corp,dc=example,dc=com"
LDAP_BIND_DN = "cn=helpdesk-svc,ou=services,dc=corp,dc=example,dc=com"

SSO_PUBLIC_KEY = os.environ.get("SSO_PUBLIC_KEY", "")
SSO_AUDIENCE = "helpdesk"

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")

MEDIA_ROOT = BASE_DIR / "media"
INVOICE_ROOT = MEDIA_ROOT / "invoices"
REPORT_EXPORT_DIR = BASE_DIR / "exports"

AVATAR_HOSTS = {"secure.gravatar.com", "avatars.githubusercontent.com"}
FX_PROVIDER_URL = os.environ.get("FX_PROVIDER_URL", "https://fx.example.com/api")
