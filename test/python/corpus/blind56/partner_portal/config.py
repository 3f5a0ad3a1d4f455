"""Flask configuration for the partner portal."""
import os


class BaseConfig:
    SECRET_KEY = os.environ["PORTAL_SECRET_KEY"]  #@safe
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024

    DATABASE_DSN = os.environ.get("CLAIMS_DB_DSN", "dbname=claims host=db.claims.internal user=portal")
    REDIS_URL = os.environ.get("CLAIMFLOW_REDIS_URL", "redis://redis.claims.internal:6379/0")
    EXPORT_DIR = "/var/lib/claimflow/partner-exports"
    RULES_DIR = "/var/lib/claimflow/carrier-rules"

    LDAP_URL = "ldaps://ldap.partners.example-insure.com:636"
    LDAP_BASE_DN = "ou=partners,dc=example-insure,dc=com"
    LDAP_BIND_DN = "cn=portal-svc,ou=services,dc=example-insure,dc=com"
    LDAP_BIND_PASSWORD = "P0rtal-Bind!2022"  #@vuln CWE-798

    CORS_ORIGINS = ["https://partners.example-insure.com", "https://agents.example-insure.com"]
    WEBHOOK_SECRET = os.environ.get("PORTAL_WEBHOOK_SECRET", "")
    CLAIM_UPDATE_SECRET = os.environ.get("PORTAL_CLAIM_UPDATE_SECRET", "")


class DevelopmentConfig(BaseConfig):
    SESSION_COOKIE_SECURE = False
    TEMPLATES_AUTO_RELOAD = True


class ProductionConfig(BaseConfig):
    DEBUG = os.getenv("PORTAL_DEBUG", "true").lower() in ("1", "true", "yes")  #@vuln CWE-489
    SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
}


def load_config(name: str | None = None):
    return CONFIGS.get(name or os.getenv("PORTAL_ENV", "production"), ProductionConfig)
