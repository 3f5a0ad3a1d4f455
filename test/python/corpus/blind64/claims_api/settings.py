"""Django settings for the claims API (policyholder + adjuster portal backend)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "dj-9x!q2v$claims-7f3k@m1w0r^e8t#zb4l&p6n"  #@vuln CWE-798

DEBUG = True  #@vuln CWE-489|CWE-215

ALLOWED_HOSTS = os.environ.get("CLAIMS_ALLOWED_HOSTS", "claims.internal,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "claims_api",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "claims_api.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("CLAIMS_DB_NAME", "claims"),
        "USER": os.environ.get("CLAIMS_DB_USER", "claims_app"),
        "PASSWORD": os.environ["CLAIMS_DB_PASSWORD"],  #@safe
        "HOST": os.environ.get("CLAIMS_DB_HOST", "db"),
        "PORT": int(os.environ.get("CLAIMS_DB_PORT", "5432")),
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",  #@vuln CWE-916
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}

CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True

SESSION_COOKIE_SECURE = False  #@vuln CWE-614
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

MEDIA_ROOT = os.environ.get("CLAIMS_MEDIA_ROOT", "/srv/claims/media")
ATTACHMENT_ROOT = os.path.join(MEDIA_ROOT, "attachments")
EXPORT_ROOT = os.path.join(MEDIA_ROOT, "exports")

# Directory used by the adjuster login fallback
LDAP_SERVER_URI = os.environ.get("CLAIMS_LDAP_URI", "ldaps://ldap.corp.example:636")
LDAP_BASE_DN = "ou=adjusters,dc=corp,dc=example"
LDAP_BIND_DN = "cn=claims-svc,ou=service,dc=corp,dc=example"
LDAP_BIND_PASSWORD = "Adj!Ldap#2023-svc"  #@vuln CWE-798

OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "https://login.example-insure.com")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "claims-portal")
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET")  #@safe
OIDC_JWKS_URL = OIDC_ISSUER + "/.well-known/jwks.json"

SAML_IDP_CERT_PATH = os.environ.get("SAML_IDP_CERT_PATH", "/etc/claims/idp.pem")

DOWNLOAD_LINK_KEY = os.environ["DOWNLOAD_LINK_KEY"].encode()
FIELD_ENCRYPTION_KEY = bytes.fromhex(os.environ["FIELD_ENCRYPTION_KEY"])

LETTERS_SERVICE_URL = os.environ.get("LETTERS_SERVICE_URL", "http://letters:8080")
FRAUD_SERVICE_URL = os.environ.get("FRAUD_SERVICE_URL", "http://fraud:8090")

STATIC_URL = "/static/"
USE_TZ = True
TIME_ZONE = "UTC"
