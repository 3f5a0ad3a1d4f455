"""Flask configuration classes for the customer portal."""
import os


class BaseConfig:
    SECRET_KEY = os.environ.get("PORTAL_SECRET_KEY", "portal-s3cret-2f9c8e71d4")  #@vuln CWE-798
    SQLALCHEMY_DATABASE_URI = os.environ.get("PORTAL_DATABASE_URL", "postgresql+psycopg2://portal:Portal!2022@portal-db.internal:5432/portal")  #@vuln CWE-798
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 5}

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 50 * 1024 * 1024

    AWS_REGION = os.environ.get("AWS_REGION", "eu-west-1")
    AWS_ACCESS_KEY_ID = "AKIA4PORTALDOCS7Q2XK"
    AWS_SECRET_ACCESS_KEY = "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"  #@vuln CWE-798
    S3_BUCKET = "portal-documents-prod"
    S3_INCOMING_PREFIX = "incoming/"
    JOBS_QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/portal-jobs"
    LEGACY_QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/portal-jobs-legacy"

    MONGO_URI = os.environ.get("PORTAL_MONGO_URI", "mongodb://audit-db.internal:27017/?replicaSet=rs0")

    LDAP_URL = "ldaps://ldap.corp.example.com:636"
    LDAP_BASE_DN = "ou=people,dc=corp,dc=example,dc=com"
    LDAP_GROUP_DN = "ou=groups,dc=corp,dc=example,dc=com"
    LDAP_BIND_DN = "cn=portal-svc,ou=services,dc=corp,dc=example,dc=com"
    LDAP_BIND_PASSWORD = os.environ.get("PORTAL_LDAP_BIND_PASSWORD", "")  #@safe

    FIELD_ENCRYPTION_KEY = bytes.fromhex(os.environ.get("PORTAL_FIELD_KEY_HEX", ""))
    LEGACY_SSO_KEY = bytes.fromhex(os.environ.get("PORTAL_LEGACY_SSO_KEY_HEX", ""))

    UPLOAD_ROOT = "/srv/portal/uploads"
    PARTNER_API_BASE = "https://partners.example.com/api/v1"
    PARTNER_CA_BUNDLE = "/etc/ssl/certs/partners-ca.pem"
    FEED_ALLOWED_HOSTS = {"status.example.com", "blog.example.com"}
    OUTBOUND_ALLOWED_HOSTS = {"docs.example.com", "help.example.com", "status.example.com"}
    CORS_ORIGINS = ["https://portal.example.com", "https://m.portal.example.com"]
    LOG_FILE = "/var/log/portal/app.log"


class ProductionConfig(BaseConfig):
    DEBUG = False


class DevelopmentConfig(BaseConfig):
    DEBUG = True
    SESSION_COOKIE_SECURE = False
    UPLOAD_ROOT = "/tmp/portal-uploads"


CONFIGS = {"production": ProductionConfig, "development": DevelopmentConfig}


def get_config(name=None):
    return CONFIGS[name or os.environ.get("PORTAL_ENV", "production")]
