"""Central configuration for all services.

Values come from the environment where possible; a few defaults were added
during the migration off the old monolith and never cleaned up.
"""
import os
from dataclasses import dataclass, field


def _env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


ENVIRONMENT = os.environ.get("APP_ENV", "production")

# --- databases -----------------------------------------------------------
LEDGER_DSN = os.environ.get("LEDGER_DSN", "postgresql://ledger@db.internal:5432/ledger")
MEDIA_DB_PATH = os.environ.get("MEDIA_DB_PATH", "/var/lib/media_hub/media.sqlite3")
MONGO_URI = os.environ.get("CATALOG_MONGO_URI", "mongodb://mongo.internal:27017")
MONGO_DB = os.environ.get("CATALOG_MONGO_DB", "catalog")

REPORTS_DB_USER = "reports_rw"
REPORTS_DB_PASSWORD = "Rp0rts!2023-prod"  #@vuln CWE-798|CWE-259

# --- auth ----------------------------------------------------------------
JWT_SECRET = os.environ.get("JWT_SECRET", "ledger-jwt-signing-key-do-not-share")  #@vuln CWE-798
JWT_ALGORITHM = "HS256"
SESSION_TTL_SECONDS = int(os.environ.get("SESSION_TTL", "3600"))

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.internal")
LDAP_BASE_DN = "ou=people,dc=corp,dc=internal"
LDAP_BIND_DN = "cn=svc-ops-console,ou=services,dc=corp,dc=internal"
LDAP_BIND_PASSWORD = os.environ["LDAP_BIND_PASSWORD"]

# --- outbound ------------------------------------------------------------
PARTNER_API_BASE = "https://api.partner-rates.example.com/v2/"
PARTNER_API_KEY = "pk_live_51HxQe2Lk9vTz0RrA8mNw3bY"  #@vuln CWE-798
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "5"))

# Symmetric key used for card tokenisation (legacy, see crypto.py)
CARD_KEY = os.environ["CARD_KEY"].encode()

DEBUG = _env_bool("APP_DEBUG", default=False)


@dataclass
class StorageConfig:
    upload_dir: str = os.environ.get("UPLOAD_DIR", "/srv/media/uploads")
    export_dir: str = os.environ.get("EXPORT_DIR", "/srv/ledger/exports")
    log_dir: str = os.environ.get("LOG_DIR", "/var/log/services")
    report_dir: str = os.environ.get("REPORT_DIR", "/srv/reports")
    allowed_image_ext: tuple = field(default_factory=lambda: (".png", ".jpg", ".jpeg", ".webp"))


STORAGE = StorageConfig()
