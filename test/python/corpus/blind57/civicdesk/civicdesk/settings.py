"""Django settings for the CivicDesk municipal services portal."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "dj-7f#v0q!m2civicdesk-9x@t3k$portal-zz81"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = ["portal.city.example", "staff.city.example", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "core",
    "accounts",
    "permits",
    "parking",
    "library",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "civicdesk.urls"
WSGI_APPLICATION = "civicdesk.wsgi.application"

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
        "NAME": os.environ.get("CIVICDESK_DB_NAME", "civicdesk"),
        "USER": os.environ.get("CIVICDESK_DB_USER", "civicdesk"),
        "PASSWORD": os.environ["CIVICDESK_DB_PASSWORD"],
        "HOST": os.environ.get("CIVICDESK_DB_HOST", "db.internal"),
        "PORT": os.environ.get("CIVICDESK_DB_PORT", "5432"),
    }
}

AUTHENTICATION_BACKENDS = [
    "accounts.ldap_backend.StaffLDAPBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  #@vuln CWE-916

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_SECURE = True

CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
}

# Staff directory
LDAP_SERVER_URI = os.environ.get("LDAP_SERVER_URI", "ldaps://dc01.city.example")
LDAP_BIND_DN = "CN=svc-civicdesk,OU=Service Accounts,DC=city,DC=example"
LDAP_BIND_PASSWORD = os.environ["LDAP_BIND_PASSWORD"]  #@safe
LDAP_STAFF_BASE = "OU=Staff,DC=city,DC=example"
LDAP_CA_CERTS = "/etc/civicdesk/certs/city-root-ca.pem"

# Outbound mail
EMAIL_HOST = "smtp.city.example"
EMAIL_HOST_USER = "civicdesk-notify"
EMAIL_HOST_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
EMAIL_USE_TLS = True

# Storage
MEDIA_ROOT = "/srv/civicdesk/media"
PERMIT_UPLOAD_ROOT = os.path.join(MEDIA_ROOT, "permits")
PDF_OUTPUT_ROOT = os.path.join(MEDIA_ROOT, "pdf")
EXPORT_ROOT = "/srv/civicdesk/exports"

# GIS
GEOCODER_BASE_URL = "https://gis.city.example/arcgis/rest/services/Locator/GeocodeServer"
GEOCODER_CA_BUNDLE = "/etc/civicdesk/certs/city-gis-ca.pem"

# Library catalogue
CATALOG_MONGO_URI = os.environ.get("CATALOG_MONGO_URI", "mongodb://catalog.internal:27017")
CATALOG_DB = "opac"

# Background jobs
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://redis.internal:6379/0")
CELERY_RESULT_BACKEND = CELERY_BROKER_URL

STATIC_URL = "/static/"
STATIC_ROOT = "/srv/civicdesk/static"
TIME_ZONE = "America/Chicago"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
