import logging
import os
import shlex
import subprocess

import pandas as pd
from celery import Celery

from . import db, extract_s3, settings, sftp_pull, transforms

log = logging.getLogger(__name__)
celery_app = Celery("etl", broker=os.environ.get("CELERY_BROKER_URL", "redis://redis:6379/3"))


def load_with_psql(csv_path: str, table: str) -> None:
    cmd = f"psql {settings.WAREHOUSE_URL} -c \"\\copy {table} FROM '{csv_path}' CSV HEADER\""
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78


def compress(path: str) -> None:
    subprocess.run(["gzip", "-f", path], check=True)  #@safe


def checksum(path: str) -> str:
    out = subprocess.check_output(f"sha256sum {shlex.quote(path)}", shell=True, text=True)  #@safe
    return out.split()[0]


def archive_batch(batch_id: str, src_dir: str) -> None:
    os.system("tar czf %s/%s.tgz -C %s ." % (settings.ARCHIVE_DIR, batch_id, src_dir))  #@vuln CWE-78


@celery_app.task(bind=True, max_retries=2)
def ingest_partner_drop(self, conf: dict) -> dict:
    batch_id = conf["batch_id"]
    table = conf["table"]
    ds = conf["ds"]
    keys = extract_s3.list_drop(conf.get("prefix", ""))
    spec = transforms.load_job_spec(conf.get("spec", table))
    spec_keys = [k for k in keys if k.endswith("spec.yaml")]
    if spec_keys:
        raw = extract_s3.s3.get_object(Bucket=settings.S3_BUCKET, Key=spec_keys[0])["Body"].read()
        spec.update(transforms.load_partner_spec(raw))
    if any(k.endswith("manifest.json") for k in keys):
        manifest = extract_s3.read_manifest(next(k for k in keys if k.endswith("manifest.json")))
        extract_s3.write_manifest_snapshot(batch_id, manifest)
        extract_s3.fetch_manifest_sources(manifest, batch_id)

    frames = [pd.read_csv(extract_s3.download_object(k, batch_id)) for k in keys if k.endswith(".csv")]
    if not frames:
        return {"batch_id": batch_id, "rows": 0}
    df = transforms.transform(pd.concat(frames, ignore_index=True), spec)

    db.delete_partition(table, ds)
    out_path = extract_s3.scratch_csv(batch_id)
    df.to_csv(out_path, index=False)
    load_with_psql(out_path, table)
    compress(out_path)
    archive_batch(batch_id, os.path.join(settings.STAGING_DIR, batch_id))
    db.record_run(f"ingest_{table}", ds, "ok", len(df))
    return {"batch_id": batch_id, "rows": len(df), "sha256": checksum(out_path + ".gz")}


@celery_app.task
def pull_partner_sftp(conf: dict) -> list[str]:
    client = sftp_pull.connect()
    try:
        remote = sftp_pull.list_remote(client, conf["remote_dir"], conf.get("pattern", "*.csv"))
        return sftp_pull.fetch_files(client, remote, conf["batch_id"])
    finally:
        client.close()


@celery_app.task
def backfill_report(conf: dict) -> int:
    since = db.last_success(conf["pipeline"])
    ds = conf.get("ds") or since
    if conf.get("validate", True):
        return len(db.read_partition_checked(conf["table"], ds))
    return len(db.read_partition(conf["table"], ds))
