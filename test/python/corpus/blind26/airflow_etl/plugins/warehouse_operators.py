"""Custom operators for loading partner / vendor data into the warehouse."""
import io
import json
import logging

import pandas as pd
import requests
from airflow.models import BaseOperator
from sqlalchemy import text

from etl_common import hooks, settings

log = logging.getLogger(__name__)


class PartitionedLoadOperator(BaseOperator):
    """Load a CSV from S3 into a staging table, replacing the target slice.

    ``where_clause`` and ``partition`` are templated so a DAG run can be
    re-triggered for an arbitrary slice from the UI ("Trigger DAG w/ config").
    """

    template_fields = ("source_key", "partition", "where_clause")

    def __init__(self, *, table, source_bucket, source_key, partition, where_clause=None, **kwargs):
        super().__init__(**kwargs)
        self.table = table
        self.source_bucket = source_bucket
        self.source_key = source_key
        self.partition = partition
        self.where_clause = where_clause

    def execute(self, context):
        table = hooks.safe_ident(self.table)
        obj = hooks.s3_client().get_object(Bucket=self.source_bucket, Key=self.source_key)
        df = pd.read_csv(io.BytesIO(obj["Body"].read()))
        df["ds"] = self.partition
        engine = hooks.get_engine()
        with engine.begin() as conn:
            where = self.where_clause or f"ds = '{context['ds']}'"
            conn.execute(text(f"DELETE FROM staging.{table} WHERE {where}"))  #@vuln CWE-89
            df.to_sql(table, conn, schema="staging", if_exists="append", index=False, method="multi", chunksize=5000)
            conn.execute(text(f"ANALYZE staging.{table}"))  #@safe
            conn.execute(text(f"INSERT INTO etl_meta.loads (table_name, partition, row_count) VALUES ('{table}', '{self.partition}', {len(df)})"))  #@vuln CWE-89
        log.info("loaded %d rows into staging.%s", len(df), table)
        return len(df)


class VendorEnrichOperator(BaseOperator):
    """Send new customer ids to the enrichment vendor and notify a callback."""

    template_fields = ("callback_url", "ids_sql")

    def __init__(self, *, ids_sql, callback_url=None, **kwargs):
        super().__init__(**kwargs)
        self.ids_sql = ids_sql
        self.callback_url = callback_url

    def execute(self, context):
        ids = pd.read_sql(self.ids_sql, hooks.get_engine())["customer_id"].tolist()
        resp = requests.post(
            f"{settings.VENDOR_API_URL}/enrich",
            headers={"Authorization": f"Bearer {settings.VENDOR_API_KEY}"},
            json={"customer_ids": ids},
            timeout=60,
        )
        resp.raise_for_status()
        result = resp.json()
        if self.callback_url:
            requests.post(self.callback_url, json={"run_id": context["run_id"], "enriched": len(result["rows"])}, timeout=10)  #@vuln CWE-918
        if settings.SLACK_WEBHOOK_URL:
            requests.post(settings.SLACK_WEBHOOK_URL, data=json.dumps({"text": f"vendor enrich done: {len(ids)} ids"}), timeout=10)  #@safe
        return result["rows"]
