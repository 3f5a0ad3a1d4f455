"""Configuration objects for the Grand Meridian PMS API."""
import os


class BaseConfig:
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "PMS_DATABASE_URL", "postgresql+psycopg2://pms@localhost:5432/pms"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SECRET_KEY = os.environ.get("PMS_SECRET_KEY")
    JSON_SORT_KEYS = False
    DEBUG = False
    TESTING = False

    PROPERTY_CODE = os.environ.get("PMS_PROPERTY_CODE", "GMR01")
    REPORT_EXPORT_DIR = os.environ.get("PMS_REPORT_DIR", "/var/lib/pms/reports")
    GUEST_DOCS_DIR = os.environ.get("PMS_GUEST_DOCS_DIR", "/var/lib/pms/guest-docs")

    PAYMENT_GATEWAY_URL = "https://api.payhotel.example/v2"
    PAYMENT_GATEWAY_SECRET = "sk_live_51Hq2vR9xLmN4sT8wZ1cBa7Dq"  #@vuln CWE-798

    LDAP_URL = os.environ.get("PMS_LDAP_URL", "ldaps://dir.grandmeridian.example")
    LDAP_BASE_DN = "ou=staff,dc=grandmeridian,dc=example"
    LDAP_BIND_DN = "cn=pms-svc,ou=services,dc=grandmeridian,dc=example"
    LDAP_BIND_PASSWORD = os.environ.get("PMS_LDAP_BIND_PASSWORD", "")

    ALLOWED_RETURN_HOSTS = {
        "portal.grandmeridian.example",
        "book.grandmeridian.example",
    }
    JWT_TTL_SECONDS = 8 * 3600


class DevelopmentConfig(BaseConfig):
    SQLALCHEMY_DATABASE_URI = "sqlite:///pms-dev.db"
    SQLALCHEMY_ECHO = True


class TestingConfig(BaseConfig):
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    TESTING = True


class ProductionConfig(BaseConfig):
    PREFERRED_URL_SCHEME = "https"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
