"""Central configuration shared by the reports API, ops desk, dashboards, CLI,
scraper and notebook tooling.

Everything is read from the environment; a handful of defaults exist so local
development works without a complete .env file.
"""
import os
from pathlib import Path

ENV = os.environ.get("PLATFORM_ENV", "production")
DEBUG = ENV == "development"

BASE_DIR = Path(os.environ.get("PLATFORM_HOME", "/srv/platform"))
DATA_DIR = BASE_DIR / "data"
EXPORT_DIR = BASE_DIR / "exports"
UPLOAD_DIR = BASE_DIR / "uploads"
REPORT_DIR = BASE_DIR / "reports"
LOG_DIR = Path(os.environ.get("PLATFORM_LOG_DIR", "/var/log/platform"))

DB_PATH = os.environ.get("PLATFORM_DB", str(DATA_DIR / "platform.sqlite3"))

MONGO_URI = os.environ.get("MONGO_URI", "mongodb://localhost:27017")
MONGO_DB = os.environ.get("MONGO_DB", "catalog")

# Warehouse (Postgres). The ETL account still falls back to the legacy password
# until the Vault agent is rolled out on the batch hosts.
WAREHOUSE_HOST = os.environ.get("WAREHOUSE_HOST", "warehouse.internal")
WAREHOUSE_USER = os.environ.get("WAREHOUSE_USER", "etl_loader")
WAREHOUSE_PASSWORD = os.environ.get("WAREHOUSE_PASSWORD", "L0ader!2022-wh")  #@vuln CWE-798

SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.internal")
SMTP_USER = os.environ.get("SMTP_USER", "platform-noreply")
SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")

JWT_SECRET = os.environ.get("JWT_SECRET", "platform-jwt-2f9c1e77ab04")  #@vuln CWE-798
JWT_ALGORITHM = "HS256"
TOKEN_TTL = int(os.environ.get("TOKEN_TTL", "3600"))

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.internal")
LDAP_BASE_DN = "ou=people,dc=corp,dc=internal"
LDAP_BIND_DN = "cn=svc-opsdesk,ou=services,dc=corp,dc=internal"
LDAP_BIND_PASSWORD = "Svc-0psdesk#ldap"  #@vuln CWE-798

ALLOWED_WEBHOOK_HOSTS = {"hooks.slack.com", "alerts.internal", "events.pagerduty.com"}

SESSION_COOKIE = "platform_session"
