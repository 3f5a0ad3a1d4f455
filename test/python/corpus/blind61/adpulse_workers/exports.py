"""S3 exports: report uploads, partner audience drops and import staging."""
from __future__ import annotations

import csv
import json
import logging
import os
from datetime import date

import boto3
from botocore.config import Config
from sqlalchemy import create_engine, text

from adpulse_common.crypto import encrypt_pii, webhook_signature
from adpulse_common.http import post_webhook

logger = logging.getLogger("adpulse.exports")

EXPORT_BUCKET = os.environ.get("ADPULSE_EXPORT_BUCKET", "adpulse-exports")
STAGING_DIR = os.environ.get("ADPULSE_STAGING_DIR", "/srv/adpulse/staging")
INTERNAL_ENDPOINT = os.environ.get("ADPULSE_INTERNAL_S3", "https://minio.internal.adpulse.io")

PARTNER_ENDPOINT = "https://s3.dmp-partner.net"
PARTNER_BUCKET = "adpulse-audiences"
PARTNER_CREDENTIALS = {"aws_access_key_id": "AKIAQ3EGT7Z5MPLX4R2N", "aws_secret_access_key": "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"}  #@vuln CWE-798

_retry = Config(retries={"max_attempts": 5, "mode": "standard"})
_engine = create_engine(os.environ.get("ADPULSE_SYNC_DATABASE_URL", "postgresql+psycopg://localhost/adpulse"), pool_pre_ping=True)


def _s3():
    return boto3.client("s3", region_name="us-east-1", config=_retry)


def _internal_s3():
    return boto3.client("s3", endpoint_url=INTERNAL_ENDPOINT, config=_retry, verify=os.environ.get("AWS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt"))  #@safe


def _partner_s3():
    return boto3.client("s3", endpoint_url=PARTNER_ENDPOINT, config=_retry, **PARTNER_CREDENTIALS, verify=False)  #@vuln CWE-295


def upload_report(advertiser_id: int, report_id: int, path: str) -> str:
    key = f"reports/{advertiser_id}/{report_id}/{os.path.basename(path)}"
    _s3().upload_file(path, EXPORT_BUCKET, key, ExtraArgs={"ServerSideEncryption": "AES256"})
    return key


def presign(key: str, expires: int = 3600) -> str:
    return _s3().generate_presigned_url("get_object", Params={"Bucket": EXPORT_BUCKET, "Key": key}, ExpiresIn=expires)


def stage_import(advertiser_id: int, key: str) -> str:
    local = os.path.join(STAGING_DIR, str(advertiser_id), key)
    os.makedirs(os.path.dirname(local), exist_ok=True)
    _internal_s3().download_file(EXPORT_BUCKET, key, local)  #@vuln CWE-22
    return local


def notify_webhook(url: str, payload: dict) -> int:
    body = json.dumps(payload, separators=(",", ":")).encode()
    signature = webhook_signature(os.environ["ADPULSE_WEBHOOK_SECRET"], body)
    status = post_webhook(url, payload, signature)
    logger.info("webhook %s answered %s", url, status)
    return status


def load_segment_members(advertiser_id: int, segment_id: str) -> list[dict]:
    with _engine.connect() as conn:
        rows = conn.execute(
            text("SELECT uid, email_sha256, country, last_seen FROM audience_members WHERE advertiser_id = :adv AND segment_id = :seg"),
            {"adv": advertiser_id, "seg": segment_id},
        )
        return [dict(r) for r in rows.mappings()]


def store_scores(advertiser_id: int, segment_id: str, scored: list[tuple[str, float]]) -> None:
    with _engine.begin() as conn:
        conn.execute(
            text("INSERT INTO audience_scores (advertiser_id, segment_id, uid, score) VALUES (:adv, :seg, :uid, :score)"),
            [{"adv": advertiser_id, "seg": segment_id, "uid": uid, "score": score} for uid, score in scored],
        )


def backfill_day(advertiser_id: int, day: date) -> None:
    with _engine.begin() as conn:
        conn.execute(
            text("CALL rebuild_daily_rollup(:adv, :day)"),
            {"adv": advertiser_id, "day": day},
        )


def push_audience_file(advertiser_id: int, segment_id: str) -> str:
    members = load_segment_members(advertiser_id, segment_id)
    local = f"/tmp/audience-{advertiser_id}-{segment_id}.csv"
    with open(local, "w", newline="") as fh:  #@vuln CWE-377
        writer = csv.writer(fh)
        writer.writerow(["uid", "email_sha256", "country"])
        for m in members:
            writer.writerow([m["uid"], m["email_sha256"], m["country"]])
    with open(local, "rb") as fh:
        blob = encrypt_pii(fh.read())
    key = f"{advertiser_id}/{segment_id}.csv.enc"
    _partner_s3().put_object(Bucket=PARTNER_BUCKET, Key=key, Body=blob)
    os.remove(local)
    return key
