"""Flask config for the accounts API (deployed to Lambda with `zappa deploy prod`)."""
import os


class BaseConfig:
    STAGE = os.environ.get("STAGE", "dev")
    SECRET_KEY = os.environ.get("FLASK_SECRET_KEY", "b7f3c1d9e2a4f6081c5e7d9b3a2f4e6c")  #@vuln CWE-798

    MONGO_URI = os.environ.get("MONGO_URI", "mongodb://localhost:27017/accounts")
    BILLING_DSN = os.environ.get("BILLING_DSN", "dbname=billing host=localhost user=billing_app")

    LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ad.corp.acme.example")
    LDAP_BIND_DN = os.environ.get("LDAP_BIND_DN", "CN=svc-accounts-api,OU=Service,DC=corp,DC=acme,DC=example")
    LDAP_BIND_PASSWORD = os.environ["LDAP_BIND_PASSWORD"]

    PARTNER_API_URL = os.environ.get("PARTNER_API_URL", "https://api.partner-billing.example/v2")
    PARTNER_API_TOKEN = os.environ.get("PARTNER_API_TOKEN", "")
    AVATAR_BUCKET = os.environ.get("AVATAR_BUCKET", "acme-accounts-avatars")
    EXPORT_DIR = os.environ.get("EXPORT_DIR", "/tmp/exports")

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024


class ProdConfig(BaseConfig):
    DEBUG = False


class DevConfig(BaseConfig):
    DEBUG = True
    SESSION_COOKIE_SECURE = False


def get_config():
    return ProdConfig if BaseConfig.STAGE == "prod" else DevConfig
