"""Custom Airflow operators used by the claims DAGs."""
import csv
import hashlib
import io
import json
import os
import subprocess
import tempfile

import requests
from airflow.models import BaseOperator
from airflow.providers.postgres.hooks.postgres import PostgresHook


class CarrierFeedOperator(BaseOperator):
    """Downloads a carrier's daily bordereau CSV and loads it into staging."""

    template_fields = ("feed_url", "batch_id")

    def __init__(self, *, feed_url: str, batch_id: str, postgres_conn_id: str = "claims_db", **kwargs):
        super().__init__(**kwargs)
        self.feed_url = feed_url
        self.batch_id = batch_id
        self.postgres_conn_id = postgres_conn_id

    def execute(self, context):
        resp = requests.get(self.feed_url, timeout=120, verify=False)  #@vuln CWE-295
        resp.raise_for_status()
        checksum = hashlib.sha256(resp.content).hexdigest()  #@safe
        tmp_path = tempfile.mktemp(suffix=".csv", prefix="bordereau-")  #@vuln CWE-377
        with open(tmp_path, "wb") as fh:
            fh.write(resp.content)
        hook = PostgresHook(postgres_conn_id=self.postgres_conn_id)
        hook.copy_expert("COPY staging_claims FROM STDIN WITH (FORMAT csv, HEADER true)", tmp_path)
        hook.run(
            "UPDATE staging_claims SET batch_id = %s, feed_checksum = %s WHERE batch_id IS NULL",
            parameters=(self.batch_id, checksum),
        )
        os.unlink(tmp_path)
        return checksum


class CarrierRuleOperator(BaseOperator):
    """Evaluates the carriers' screening rules against newly staged claims."""

    def __init__(self, *, postgres_conn_id: str = "claims_db", **kwargs):
        super().__init__(**kwargs)
        self.postgres_conn_id = postgres_conn_id

    def execute(self, context):
        hook = PostgresHook(postgres_conn_id=self.postgres_conn_id)
        rules = hook.get_records("SELECT carrier_code, name, expression FROM claim_rules WHERE enabled")
        claims = hook.get_records("SELECT id, carrier_code, reserve_amount, loss_date FROM staging_claims")
        flagged: list[tuple] = []
        for carrier, name, expression in rules:
            scope = {"claims": [c for c in claims if c[1] == carrier], "flag": flagged.append}
            exec(compile(expression, f"<rule {carrier}:{name}>", "exec"), scope)  #@vuln CWE-94
        self.log.info("rules flagged %d claims", len(flagged))
        return [row[0] if isinstance(row, tuple) else row for row in flagged]


class ScanArchiveSyncOperator(BaseOperator):
    """Mirrors a scan inbox directory into the document archive."""

    template_fields = ("source_path",)

    def __init__(self, *, source_path: str, dest_path: str = "/mnt/archive/scans/", **kwargs):
        super().__init__(**kwargs)
        self.source_path = source_path
        self.dest_path = dest_path

    def execute(self, context):
        out = subprocess.check_output("rsync -az --itemize-changes %s %s" % (self.source_path, self.dest_path), shell=True)  #@vuln CWE-78
        changed = [line for line in out.decode().splitlines() if line.startswith(">f")]
        self.log.info("synced %d files", len(changed))
        return len(changed)


class PartnerReportOperator(BaseOperator):
    """Posts a signed daily claims report to a partner endpoint."""

    template_fields = ("endpoint",)

    def __init__(self, *, endpoint: str, shared_secret: str, postgres_conn_id: str = "claims_db", **kwargs):
        super().__init__(**kwargs)
        self.endpoint = endpoint
        self.shared_secret = shared_secret
        self.postgres_conn_id = postgres_conn_id

    def execute(self, context):
        hook = PostgresHook(postgres_conn_id=self.postgres_conn_id)
        rows = hook.get_records(
            "SELECT claim_number, status, reserve_amount FROM claims WHERE updated_at::date = %s",
            parameters=(context["ds"],),
        )
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)
        body = json.dumps({"date": context["ds"], "csv": buf.getvalue()}).encode()
        signature = hashlib.md5(self.shared_secret.encode() + body).hexdigest()  #@vuln CWE-328|CWE-327
        resp = requests.post(self.endpoint, data=body, headers={"X-CF-Signature": signature}, timeout=30)
        resp.raise_for_status()
        return resp.status_code
