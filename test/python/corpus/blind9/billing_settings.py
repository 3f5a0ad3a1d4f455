"""
Django settings for the billing_portal project.

Environment specific values are read from the process environment; see
deploy/billing.env.example for the full list of variables.
"""
import os
from pathlib import Path

import ldap
from django_auth_ldap.config import GroupOfNamesType, LDAPSearch

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-b1ll1ng-EXAMPLE-ONLY-7c2f9e0a4d51"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = os.environ.get("BILLING_ALLOWED_HOSTS", "billing.example.com").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "billing",
    "customers",
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

ROOT_URLCONF = "billing_portal.urls"
WSGI_APPLICATION = "billing_portal.wsgi.application"

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
        "NAME": os.environ.get("BILLING_DB_NAME", "billing"),
        "USER": os.environ.get("BILLING_DB_USER", "billing"),
        "PASSWORD": os.environ["BILLING_DB_PASSWORD"],  #@safe
        "HOST": os.environ.get("BILLING_DB_HOST", "localhost"),
        "PORT": os.environ.get("BILLING_DB_PORT", "5432"),
        "CONN_MAX_AGE": 60,
    },
    "reporting": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "reporting",
        "USER": "report_ro",
        "PASSWORD": "r3port-ro-FAKE-passw0rd",  #@vuln CWE-798|CWE-259
        "HOST": "reporting-db.internal.example.com",
        "PORT": "5432",
    },
}
DATABASE_ROUTERS = ["billing_portal.routers.ReportingRouter"]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #@vuln CWE-327|CWE-328
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    "django_auth_ldap.backend.LDAPBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_LDAP_SERVER_URI = "ldaps://ldap.example.com"
AUTH_LDAP_BIND_DN = "cn=billing-svc,ou=services,dc=example,dc=com"
AUTH_LDAP_BIND_PASSWORD = os.environ.get("BILLING_LDAP_BIND_PASSWORD", "")  #@safe
AUTH_LDAP_USER_SEARCH = LDAPSearch("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=%(user)s)")
AUTH_LDAP_GROUP_SEARCH = LDAPSearch("ou=groups,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)")
AUTH_LDAP_GROUP_TYPE = GroupOfNamesType()
AUTH_LDAP_GLOBAL_OPTIONS = {ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_NEVER}  #@vuln CWE-295

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = True  #@safe
CSRF_COOKIE_SECURE = True  #@safe
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ.get("BILLING_REDIS_URL", "redis://127.0.0.1:6379/1")}}

STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY")  #@safe
PDF_SERVICE_URL = "https://pdf.internal.example.com/render"
INVOICE_PDF_ROOT = os.environ.get("INVOICE_PDF_ROOT", "/var/lib/billing/invoices")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.example.com"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
EMAIL_HOST_USER = "billing-notify@example.com"
EMAIL_HOST_PASSWORD = os.environ.get("BILLING_SMTP_PASSWORD", "")  #@safe

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
