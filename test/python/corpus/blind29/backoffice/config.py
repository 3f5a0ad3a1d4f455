"""Configuration classes, selected with APP_ENV."""
import os
from datetime import timedelta


class BaseConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY")  #@safe
    JWT_SECRET = os.environ.get("JWT_SECRET", "")

    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql:///backoffice")
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", "/srv/backoffice/uploads")
    EXPORT_FOLDER = os.environ.get("EXPORT_FOLDER", "/srv/backoffice/exports")
    INBOX_FOLDER = os.environ.get("INBOX_FOLDER", "/srv/backoffice/inbox")
    LOG_FOLDER = os.environ.get("LOG_FOLDER", "/var/log/backoffice")
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "smtp.postmarkapp.com")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_FROM = "Acme Back Office <noreply@acme-backoffice.com>"

    MONGO_URL = os.environ.get("MONGO_URL", "mongodb://localhost:27017")
    BANK_WEBHOOK_SECRET = os.environ.get("BANK_WEBHOOK_SECRET", "")
    LEGACY_ERP_SHARED_SECRET = os.environ.get("LEGACY_ERP_SHARED_SECRET", "")
    PARTNER_OAUTH_CLIENT_ID = os.environ.get("PARTNER_OAUTH_CLIENT_ID", "")
    PARTNER_OAUTH_CLIENT_SECRET = os.environ.get("PARTNER_OAUTH_CLIENT_SECRET", "")


class StagingConfig(BaseConfig):
    SECRET_KEY = "stg-7c1e9a0b4d4e2f8a61d35b2c"  #@vuln CWE-798
    SQLALCHEMY_DATABASE_URI = "postgresql://backoffice:Backoff1ce!2023@db-staging.internal:5432/backoffice"  #@vuln CWE-798|CWE-259


class ProductionConfig(BaseConfig):
    # TLS ends at the ALB and the health checker talks plain http; Secure
    # cookies kept logging people out, see OPS-212
    SESSION_COOKIE_SECURE = False  #@vuln CWE-614
    PREFERRED_URL_SCHEME = "https"


_CONFIGS = {
    "staging": StagingConfig,
    "production": ProductionConfig,
}


def get_config(name):
    return _CONFIGS.get(name, ProductionConfig)
