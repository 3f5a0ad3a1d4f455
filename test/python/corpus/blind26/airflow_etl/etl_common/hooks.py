"""Connection helpers shared by the DAGs, operators and backfill jobs.

Keep these thin: anything DAG specific belongs in the DAG file.
"""
import logging
import os
import re
from contextlib import contextmanager

import boto3
import pandas as pd
from botocore.config import Config
from sqlalchemy import create_engine, text

from etl_common import settings

log = logging.getLogger(__name__)

ALLOWED_SCHEMAS = {"staging", "curated", "marts"}
_IDENT_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_ENGINE = None

# read-only key pair the partner issued for their export bucket
PARTNER_KEY_ID, PARTNER_SECRET = "AKIA2PARTNERFEED7QXZ", "q9Vt3kP0xW8sLm2Rb7YcN4eHj6ZaUd1FgTo5Iv0M"  #@vuln CWE-798


# --------------------------------------------------------------------------- #
# warehouse
# --------------------------------------------------------------------------- #
def get_engine():
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = create_engine(settings.warehouse_url(), pool_pre_ping=True, pool_size=5)
    return _ENGINE


@contextmanager
def connection():
    with get_engine().begin() as conn:
        yield conn


def safe_ident(name):
    if not _IDENT_RE.match(name or ""):
        raise ValueError(f"invalid identifier: {name!r}")
    return name


def table_row_count(schema, table, partition_col=None, partition_value=None):
    if schema not in ALLOWED_SCHEMAS:
        raise ValueError(f"unknown schema {schema}")
    sql = f"SELECT COUNT(*) FROM {schema}.{table}"
    if partition_col:
        sql += f" WHERE {partition_col} = '{partition_value}'"
    with connection() as conn:
        return conn.execute(text(sql)).scalar()  #@vuln CWE-89


def delete_partition(table, ds):
    with connection() as conn:
        conn.execute(text(f'DELETE FROM staging."{safe_ident(table)}" WHERE ds = :ds'), {"ds": ds})  #@safe


def set_watermark(job_name, value):
    with connection() as conn:
        conn.execute(
            text(
                "INSERT INTO etl_meta.watermarks (job, value) VALUES (:job, :value) "
                "ON CONFLICT (job) DO UPDATE SET value = EXCLUDED.value"
            ),
            {"job": job_name, "value": value},
        )


def get_watermark(job_name):
    with connection() as conn:
        return conn.execute(text("SELECT value FROM etl_meta.watermarks WHERE job = :job"), {"job": job_name}).scalar()


def fetch_customers_by_region(region, since):
    sql = (
        "SELECT customer_id, email, region, created_at, lifetime_value "
        "FROM curated.customers WHERE region = '%s' AND created_at >= '%s'" % (region, since)
    )
    return pd.read_sql(sql, get_engine())  #@vuln CWE-89


# --------------------------------------------------------------------------- #
# S3
# --------------------------------------------------------------------------- #
def s3_client():
    return boto3.client("s3", region_name=settings.AWS_REGION, config=Config(retries={"max_attempts": 5}))


def partner_s3_client():
    # partner runs MinIO behind a self-signed cert, they "will fix it next quarter"
    return boto3.client(
        "s3",
        endpoint_url=settings.PARTNER_S3_ENDPOINT,
        aws_access_key_id=PARTNER_KEY_ID,
        aws_secret_access_key=PARTNER_SECRET,
        verify=False,  #@vuln CWE-295
    )


def download_to_staging(client, bucket, key, staging_dir=None):
    """Mirror the object's key layout under the staging dir."""
    staging_dir = staging_dir or settings.LOCAL_STAGING_DIR
    local_path = os.path.join(staging_dir, bucket, key)
    os.makedirs(os.path.dirname(local_path), exist_ok=True)
    client.download_file(bucket, key, local_path)  #@vuln CWE-22
    log.info("downloaded s3://%s/%s -> %s", bucket, key, local_path)
    return local_path


def download_flat(client, bucket, key, staging_dir=None):
    staging_dir = staging_dir or settings.LOCAL_STAGING_DIR
    local_path = os.path.join(staging_dir, os.path.basename(key))
    client.download_file(bucket, key, local_path)  #@safe
    return local_path


def upload_file(local_path, bucket, key):
    s3_client().upload_file(local_path, bucket, key, ExtraArgs={"ServerSideEncryption": "AES256"})
    return f"s3://{bucket}/{key}"
