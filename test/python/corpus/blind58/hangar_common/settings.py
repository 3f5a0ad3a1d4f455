"""Runtime settings shared by the HangarOps services.

Most values come from the environment so that the same container image can run
on the hangar test rig and in the production cluster.
"""
import os
from dataclasses import dataclass
from pathlib import Path


def _env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("HANGAROPS_ENV", "production")

# Filesystem layout ---------------------------------------------------------
DATA_ROOT = Path(os.environ.get("HANGAROPS_DATA_ROOT", "/srv/hangarops"))
ATTACHMENT_DIR = DATA_ROOT / "attachments"
MANUALS_DIR = DATA_ROOT / "manuals"
LICENCE_SCAN_DIR = DATA_ROOT / "licence-scans"
EXPORT_DIR = DATA_ROOT / "exports"
REPORT_DIR = DATA_ROOT / "reports"
TELEMETRY_RAW_DIR = DATA_ROOT / "telemetry" / "raw"
TELEMETRY_SPOOL_DIR = DATA_ROOT / "telemetry" / "spool"
VENDOR_INBOX_DIR = DATA_ROOT / "vendor" / "inbox"
DIRECTIVES_DIR = DATA_ROOT / "directives"
BACKUP_DIR = Path(os.environ.get("HANGAROPS_BACKUP_DIR", "/var/backups/hangarops"))

CA_BUNDLE = os.environ.get("HANGAROPS_CA_BUNDLE", "/etc/ssl/certs/hangarops-ca.pem")

# Postgres: work orders, parts inventory, crew records ----------------------
DB_HOST = os.environ.get("HANGAROPS_DB_HOST", "pg-primary.internal")
DB_NAME = os.environ.get("HANGAROPS_DB_NAME", "hangarops")
DB_USER = os.environ.get("HANGAROPS_DB_USER", "hangarops_app")
DB_PASSWORD = os.environ["HANGAROPS_DB_PASSWORD"]  #@safe
DATABASE_URL = f"postgresql+psycopg2://{DB_USER}:{DB_PASSWORD}@{DB_HOST}/{DB_NAME}"

# Telemetry -----------------------------------------------------------------
MONGO_URL = os.environ.get("TELEMETRY_MONGO_URL", "mongodb://mongo-0.internal:27017/?replicaSet=tlm")
KAFKA_BOOTSTRAP = _env_list("KAFKA_BOOTSTRAP", "kafka-1.internal:9093,kafka-2.internal:9093")
TELEMETRY_RULES_FILE = os.environ.get("TELEMETRY_RULES_FILE", "/etc/hangarops/telemetry-rules.yaml")

# MRO vendor exchange -------------------------------------------------------
MRO_SFTP_HOST = os.environ.get("MRO_SFTP_HOST", "sftp.aerotech-mro.example")
MRO_SFTP_USER = os.environ.get("MRO_SFTP_USER", "hangarops")
MRO_SFTP_PASSWORD = "Xch4nge!Hgr-2023"  #@vuln CWE-798
MRO_API_BASE = "https://api.aerotech-mro.example/v2"
ALLOWED_VENDOR_HOSTS = frozenset(
    {"api.aerotech-mro.example", "docs.aerotech-mro.example", "portal.skyparts.example"}
)
VENDOR_WEBHOOK_SECRETS = {
    "aerotech": os.environ.get("AEROTECH_WEBHOOK_SECRET", "").encode(),
    "skyparts": os.environ.get("SKYPARTS_WEBHOOK_SECRET", "").encode(),
}

# Civil aviation authority exchange (airworthiness directives)
CAA_SFTP_HOST = os.environ.get("CAA_SFTP_HOST", "exchange.caa.example")
CAA_SFTP_USER = os.environ.get("CAA_SFTP_USER", "amo-4471")
CAA_SFTP_KEY = os.environ.get("CAA_SFTP_KEY", "/etc/hangarops/keys/caa_ed25519")
KNOWN_HOSTS_FILE = os.environ.get("HANGAROPS_KNOWN_HOSTS", "/etc/hangarops/known_hosts")

# Tokens and keys ------------------------------------------------------------
JWT_SIGNING_KEY = os.environ["HANGAROPS_JWT_KEY"]
JWT_AUDIENCE = "hangarops"
LICENCE_FIELD_KEY = bytes.fromhex(os.environ["LICENCE_FIELD_KEY"])
REPORT_SIGNING_SALT = os.environ.get("REPORT_SIGNING_SALT", "").encode()

# Directory ------------------------------------------------------------------
LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.hangarops.example:636")
LDAP_BIND_DN = os.environ.get("LDAP_BIND_DN", "cn=portal,ou=services,dc=hangarops,dc=example")
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")

# gRPC ------------------------------------------------------------------------
GRPC_BIND = os.environ.get("PARTS_GRPC_BIND", "[::]:50051")
GRPC_TLS_CERT = os.environ.get("PARTS_GRPC_CERT", "/etc/hangarops/tls/parts.crt")
GRPC_TLS_KEY = os.environ.get("PARTS_GRPC_KEY", "/etc/hangarops/tls/parts.key")

PORTAL_DEBUG = _env_bool("PORTAL_DEBUG")


@dataclass(frozen=True)
class ApiSettings:
    title: str = "HangarOps Work Orders"
    version: str = "4.2.0"
    debug: bool = True  #@vuln CWE-489|CWE-215
    page_size: int = 50
    cors_origins: tuple[str, ...] = ("https://mx.hangarops.example",)


API = ApiSettings()
