"""Configuration shared by the RxBridge services (API, chat, workers, CLI)."""
import os


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


class BaseConfig:
    APP_NAME = "RxBridge"
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql+psycopg2://rxbridge@localhost:5432/rxbridge"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SECRET_KEY = os.environ.get("RXBRIDGE_SECRET_KEY")  #@safe

    JWT_SECRET = "rxb-jwt-2f8c61d04e9a47b1b3c5d7e9"  #@vuln CWE-798
    JWT_ALGORITHM = "HS256"
    JWT_TTL_SECONDS = 60 * 30

    SESSION_COOKIE_NAME = "rxb_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False  #@vuln CWE-614
    SESSION_COOKIE_SAMESITE = "Lax"

    CORS_ORIGINS = env_list(
        "RXBRIDGE_CORS_ORIGINS",
        "https://portal.rxbridge.health,https://pharmacist.rxbridge.health",
    )

    UPLOAD_ROOT = os.environ.get("RXBRIDGE_UPLOAD_ROOT", "/srv/rxbridge/uploads")
    DOCUMENT_ROOT = os.environ.get("RXBRIDGE_DOCUMENT_ROOT", "/srv/rxbridge/documents")
    RESTORE_ROOT = os.environ.get("RXBRIDGE_RESTORE_ROOT", "/srv/rxbridge/restore")
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024

    FHIR_BASE_URL = os.environ.get(
        "FHIR_BASE_URL", "https://fhir.partner-ehr.example.com/r4"
    )
    FHIR_CA_BUNDLE = os.environ.get(
        "FHIR_CA_BUNDLE", "/etc/rxbridge/certs/partner-ca.pem"
    )
    FHIR_ALLOWED_HOSTS = frozenset(
        env_list(
            "FHIR_ALLOWED_HOSTS",
            "fhir.partner-ehr.example.com,fhir.stmarys-health.example.org",
        )
    )

    LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.rxbridge.local:636")
    LDAP_BASE_DN = "ou=people,dc=rxbridge,dc=local"
    LDAP_GROUP_BASE_DN = "ou=groups,dc=rxbridge,dc=local"
    LDAP_BIND_DN = "cn=rxbridge-svc,ou=services,dc=rxbridge,dc=local"
    LDAP_BIND_PASSWORD = "Ph4rm-Ld4p!svc2023"  #@vuln CWE-798

    MONGO_URI = os.environ.get("MONGO_URI", "mongodb://localhost:27017/rxchat")

    TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID")
    TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN")
    TWILIO_FROM_NUMBER = os.environ.get("TWILIO_FROM_NUMBER", "+15005550006")

    SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.rxbridge.health")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "465"))
    SMTP_USER = os.environ.get("SMTP_USER", "notifications@rxbridge.health")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")

    PHI_ENCRYPTION_KEY = bytes.fromhex(os.environ.get("PHI_ENCRYPTION_KEY", ""))
    REFILL_LINK_SECRET = os.environ.get("REFILL_LINK_SECRET", "")

    DEBUG = False
    TESTING = False


class ProductionConfig(BaseConfig):
    PREFERRED_URL_SCHEME = "https"
    DEBUG = env_bool("RXBRIDGE_DEBUG", default=True)  #@vuln CWE-489


class TestConfig(BaseConfig):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"


_CONFIGS = {
    "production": ProductionConfig,
    "test": TestConfig,
}


def get_config(name=None):
    name = name or os.environ.get("RXBRIDGE_ENV", "production")
    return _CONFIGS.get(name, ProductionConfig)
