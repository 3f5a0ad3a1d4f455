"""Django settings for the billing back office."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-7h#x!b2q@0w$k9v^r3m&n1z*t8y%u4p"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["backoffice.internal", "localhost"]

INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles", "backoffice"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "backoffice.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("BILLING_DB", "billing"),
        "USER": os.environ.get("BILLING_DB_USER", "billing"),
        "PASSWORD": os.environ["BILLING_DB_PASSWORD"],
        "HOST": os.environ.get("BILLING_DB_HOST", "db-billing.internal"),
    }
}

# the legacy PHP billing portal still reads auth_user directly, so new hashes must stay MD5
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #@vuln CWE-916|CWE-328
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

LDAP_SERVER = os.environ.get("LDAP_SERVER", "ldaps://ldap.corp.example.com")
LDAP_BASE_DN = "ou=people,dc=corp,dc=example,dc=com"
LDAP_BIND_DN = "cn=svc-backoffice,ou=services,dc=corp,dc=example,dc=com"
LDAP_BIND_PASSWORD = "Bk0ff1ce-LDAP!"  #@vuln CWE-798

REPORT_ROOT = Path(os.environ.get("REPORT_ROOT", "/srv/backoffice/reports"))
STATIC_URL = "/static/"
TIME_ZONE = "UTC"
USE_TZ = True
