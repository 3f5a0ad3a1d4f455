"""Django settings for the civic forms and case management service.

Shared by the citizen-facing site, the caseworker back office and the open
data API. Environment-specific overrides live in the deployment repo.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-7h#q2k!v0x9z$r@m4p8w&c1n6b3y5t_e^f-civic" #@vuln CWE-798

DEBUG = True #@vuln CWE-489

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "forms.council.local,backoffice.council.local").split(",")

INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
    "django.contrib.messages", "django.contrib.staticfiles", "corsheaders", "rest_framework", "django_filters",
    "citizen", "backoffice", "opendata",
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

ROOT_URLCONF = "civicforms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages"]},
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "casework"),
        "USER": os.environ.get("DB_USER", "casework"),
        "PASSWORD": os.environ.get("DB_PASSWORD"), #@safe
        "HOST": os.environ.get("DB_HOST", "localhost"),
    },
    # read-only replica of the old CMS, kept until the migration is signed off
    "legacy": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "cms_legacy",
        "USER": "cms_ro",
        "PASSWORD": "Legacy!2019ro", #@vuln CWE-798
        "HOST": "10.20.4.17",
    },
}

PASSWORD_HASHERS = [
    # first entry is used for new hashes; MD5 kept "temporarily" for old portal accounts
    "django.contrib.auth.hashers.MD5PasswordHasher", #@vuln CWE-916
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_ALL_ORIGINS = True #@vuln CWE-942

SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
SESSION_COOKIE_HTTPONLY = False #@vuln CWE-1004
CSRF_COOKIE_SECURE = True

CELERY_BROKER_URL = "amqp://casework:Rabb1tCase!@mq.internal:5672/casework" #@vuln CWE-798
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/1")

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/casework/media")
UPLOAD_ROOT = os.path.join(MEDIA_ROOT, "uploads")
EXPORT_DIR = os.path.join(MEDIA_ROOT, "exports")
LETTER_OUTPUT_DIR = os.path.join(MEDIA_ROOT, "letters")
LETTER_TEMPLATE_DIR = BASE_DIR / "letter_templates"
LETTERHEAD_DIR = BASE_DIR / "letterheads"
OPEN_DATA_DIR = os.environ.get("OPEN_DATA_DIR", "/srv/opendata/published")

ADDRESS_API_BASE = os.environ.get("ADDRESS_API_BASE", "https://api.addressbase.partner.gov.uk")
ADDRESS_API_KEY = os.environ.get("ADDRESS_API_KEY", "")
GAZETTEER_URL = "https://gazetteer.council.local/lookup"
EVIDENCE_ALLOWED_HOSTS = {"drive.council.gov.uk", "docs.partner.gov.uk"}
PARTNER_CA_BUNDLE = "/etc/ssl/certs/partner-ca.pem"
PARTNER_JWT_KEY = os.environ.get("PARTNER_JWT_KEY", "")

FIELD_ENCRYPTION_KEY = bytes.fromhex(os.environ.get("FIELD_ENCRYPTION_KEY", "00" * 32))

SAML_FOLDER = BASE_DIR / "saml"
SAML_IDP_METADATA_URL = os.environ.get("SAML_IDP_METADATA_URL", "https://idp.council.local/metadata")

LDAP_URL = "ldaps://dc01.council.local"
LDAP_BASE_DN = "OU=Staff,DC=council,DC=local"

AUDIT_MONGO_URI = os.environ.get("AUDIT_MONGO_URI", "mongodb://localhost:27017")

SFTP_HOST = os.environ.get("SFTP_HOST", "drop.agencies.gov.local")
SFTP_USER = "council-casework"
SFTP_INBOX = "/srv/casework/sftp-inbox"

REST_FRAMEWORK = {
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}
