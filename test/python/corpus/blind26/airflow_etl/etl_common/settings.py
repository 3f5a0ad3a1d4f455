"""Shared settings for the warehouse ETL DAGs.

Values come from Airflow Variables first and fall back to environment
variables so the same modules work for local backfills.
"""
import os

try:
    from airflow.models import Variable
except ImportError:  # running outside of airflow (laptop / CI)
    Variable = None


def _var(name, default=None):
    if Variable is not None:
        try:
            return Variable.get(name)
        except KeyError:
            pass
    return os.environ.get(name, default)


ENV = _var("ETL_ENV", "dev")

WAREHOUSE_HOST = _var("WAREHOUSE_HOST", "warehouse.internal.acme.io")
WAREHOUSE_PORT = int(_var("WAREHOUSE_PORT", "5432"))
WAREHOUSE_DB = _var("WAREHOUSE_DB", "analytics")
WAREHOUSE_USER = _var("WAREHOUSE_USER", "etl_writer")
# TODO(data-platform): move to the secrets backend before the Q3 audit
WAREHOUSE_PASSWORD = _var("WAREHOUSE_PASSWORD", "Etl_wr1ter!2023")  #@vuln CWE-798

AWS_REGION = _var("AWS_REGION", "eu-west-1")
RAW_BUCKET = _var("RAW_BUCKET", "acme-data-raw")
CURATED_BUCKET = _var("CURATED_BUCKET", "acme-data-curated")
PARTNER_BUCKET = _var("PARTNER_BUCKET", "partner-exports")
PARTNER_S3_ENDPOINT = _var("PARTNER_S3_ENDPOINT", "https://minio.partner-feed.net")

# vendor enrichment API used by the partner_ingest DAG
VENDOR_API_URL = "https://api.enrich-vendor.com/v2"
VENDOR_API_KEY = "vk_live_5f2c9a7e1b3d4c8f9a0e6b2d7c1f3a9e"  #@vuln CWE-798

SLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"] if ENV == "prod" else None
LOCAL_STAGING_DIR = _var("LOCAL_STAGING_DIR", "/opt/airflow/staging")
EXPORT_DIR = _var("EXPORT_DIR", "/opt/airflow/exports")

DEFAULT_OWNER = "data-platform"
ALERT_EMAILS = ["data-oncall@acme.io"]


def warehouse_url():
    return (
        f"postgresql+psycopg2://{WAREHOUSE_USER}:{WAREHOUSE_PASSWORD}"
        f"@{WAREHOUSE_HOST}:{WAREHOUSE_PORT}/{WAREHOUSE_DB}"
    )
