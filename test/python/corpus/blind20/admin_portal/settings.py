"""Django settings for the data platform internal admin portal."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "django-insecure-changeme-admin-portal-key"  #@vuln CWE-798|CWE-259
DEBUG = True  #@vuln CWE-489|CWE-215
ALLOWED_HOSTS = ["admin.dataplatform.internal", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "portal.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal",
        "USER": "portal_app",
        "PASSWORD": os.environ["PORTAL_DB_PASSWORD"],  #@safe
        "HOST": os.environ.get("PORTAL_DB_HOST", "db-internal"),
        "PORT": "5432",
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",  #@vuln CWE-327|CWE-328
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

SESSION_COOKIE_SECURE = False  #@vuln CWE-614|CWE-1004
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 8 * 3600

AUTH_LDAP_SERVER_URI = "ldaps://ldap.corp.internal"
AUTH_LDAP_BIND_DN = "cn=svc-portal,ou=services,dc=corp,dc=internal"
AUTH_LDAP_BIND_PASSWORD = os.environ["PORTAL_LDAP_BIND_PASSWORD"]
AUTH_LDAP_BASE_DN = "ou=people,dc=corp,dc=internal"
AUTH_LDAP_GROUP_BASE_DN = "ou=groups,dc=corp,dc=internal"

ETL_CTL = "/opt/etl/bin/etlctl"
ETL_LOG_DIR = "/var/log/etl"
EXPORT_ROOT = "/srv/portal/exports"

USE_TZ = True
