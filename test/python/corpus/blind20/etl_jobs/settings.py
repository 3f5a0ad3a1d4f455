"""Settings for the nightly ETL jobs (read once at import time)."""
import os

WAREHOUSE_URL = os.environ.get(
    "WAREHOUSE_URL",
    "postgresql://etl_loader:changeme-prod-pass@warehouse.internal:5432/analytics",  #@vuln CWE-798|CWE-259
)

SFTP_HOST = os.environ.get("PARTNER_SFTP_HOST", "sftp.partner.example")
SFTP_PORT = int(os.environ.get("PARTNER_SFTP_PORT", "22"))
SFTP_USER = "dataops"
SFTP_PASSWORD = "changeme-sftp-2023"  #@vuln CWE-798|CWE-259

S3_BUCKET = os.environ.get("ETL_BUCKET", "dp-raw-landing")
S3_PREFIX = os.environ.get("ETL_PREFIX", "partners/")
SLACK_WEBHOOK_URL = os.environ.get("ETL_SLACK_WEBHOOK", "")

STAGING_DIR = os.environ.get("ETL_STAGING_DIR", "/data/staging")
ARCHIVE_DIR = os.environ.get("ETL_ARCHIVE_DIR", "/data/archive")
JOB_SPEC_DIR = os.environ.get("ETL_JOB_SPECS", "/etc/etl/jobs")

ALLOWED_TABLES = frozenset({"orders", "sessions", "customers", "refunds", "events_daily"})
CHUNK_SIZE = 50_000
