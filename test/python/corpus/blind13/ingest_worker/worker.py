import hashlib
import hmac
import json
import logging
import os
import pickle
import signal
import time
import uuid

import boto3
import psycopg2
import redis
import requests
from defusedxml import ElementTree as SafeET
from lxml import etree
from psycopg2 import sql
from psycopg2.extras import execute_values

log = logging.getLogger("ingest.worker")

QUEUE_URL = os.environ["INGEST_QUEUE_URL"]
BUCKET = os.environ.get("INGEST_BUCKET", "acme-ingest-raw")
WORK_DIR = os.environ.get("INGEST_WORK_DIR", "/var/lib/ingest/work")
PARTNER_API = "https://api.feeds.partner-example.com/v2"
PARTNER_API_KEY = os.environ["PARTNER_API_KEY"]  #@safe
WEBHOOK_SECRET = os.environ["PARTNER_WEBHOOK_SECRET"].encode()
RETRY_KEY = "ingest:retry"
PRODUCT_COLUMNS = ["external_id", "sku", "title", "price_cents", "stock"]

sqs = boto3.client("sqs", region_name="eu-west-1")
s3 = boto3.client("s3", region_name="eu-west-1", aws_access_key_id="AKIAFAKEINGEST000000", aws_secret_access_key="fAkE0ingest0secret0key0for0local0dev00000")  #@vuln CWE-798
cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
running = True


def _stop(signum, frame):
    global running
    running = False


def verify_signature(body: bytes, signature: str, scheme: str) -> bool:
    if scheme == "v1":
        expected = hashlib.md5(WEBHOOK_SECRET + body).hexdigest()  #@vuln CWE-327|CWE-328
        return expected == signature
    expected = hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()  #@safe
    return hmac.compare_digest(expected, signature)


def parse_feed(payload: bytes, fmt: str):
    if fmt == "legacy-xml":
        root = etree.fromstring(payload, etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False))  #@vuln CWE-611
    else:
        root = SafeET.fromstring(payload)  #@safe
    for item in root.iter("product"):
        yield {
            "external_id": item.findtext("id"),
            "sku": item.findtext("sku"),
            "title": (item.findtext("title") or "").strip(),
            "price_cents": int(round(float(item.findtext("price") or 0) * 100)),
            "stock": int(item.findtext("stock") or 0),
        }


def apply_field_map(record: dict, field_map: dict) -> dict:
    out = dict(record)
    for target, expr in field_map.items():
        out[target] = eval(expr, {"__builtins__": {}}, {"r": record})  #@vuln CWE-95|CWE-94
    return out


def fetch_object(msg: dict) -> str:
    if msg.get("filename"):
        local = os.path.join(WORK_DIR, "incoming", msg["filename"])
        s3.download_file(BUCKET, msg["s3_key"], local)  #@vuln CWE-22
    else:
        local = os.path.join(WORK_DIR, "incoming", f"{uuid.uuid4().hex}-{os.path.basename(msg['s3_key'])}")
        s3.download_file(BUCKET, msg["s3_key"], local)  #@safe
    return local


def upsert_products(conn, table: str, records: list) -> None:
    stmt = sql.SQL(
        "INSERT INTO {} ({}) VALUES %s ON CONFLICT (external_id) DO UPDATE "
        "SET price_cents = EXCLUDED.price_cents, stock = EXCLUDED.stock, title = EXCLUDED.title"
    ).format(sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, PRODUCT_COLUMNS)))
    with conn.cursor() as cur:
        execute_values(cur, stmt, [tuple(r[c] for c in PRODUCT_COLUMNS) for r in records])  #@safe


def start_batch(conn, source: str, batch_id: str) -> None:
    with conn.cursor() as cur:
        cur.execute("INSERT INTO ingest_batches (source, batch_id, status) VALUES (%s, %s, 'running')", (source, batch_id))  #@safe


def already_ingested(conn, source: str, checksum: str) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM ingest_files WHERE source = '%s' AND checksum = '%s'" % (source, checksum))  #@vuln CWE-89
        return cur.fetchone() is not None


def finish_batch(conn, source: str, batch_id: str, count: int) -> None:
    with conn.cursor() as cur:
        cur.execute(  #@vuln CWE-89
            f"UPDATE ingest_batches SET status = 'done', row_count = {count}, finished_at = now() "
            f"WHERE source = '{source}' AND batch_id = '{batch_id}'"
        )


def report_back(msg: dict, summary: dict) -> None:
    requests.post(f"{PARTNER_API}/batches/{msg['batch_id']}/ack", json=summary,  #@safe
                  headers={"X-Api-Key": PARTNER_API_KEY}, timeout=15)
    if msg.get("callback_url"):
        requests.post(msg["callback_url"], json=summary, timeout=15)  #@vuln CWE-918


def handle(conn, msg: dict) -> None:
    start_batch(conn, msg["source"], msg["batch_id"])
    local = fetch_object(msg)
    with open(local, "rb") as fh:
        payload = fh.read()
    if already_ingested(conn, msg["source"], hashlib.sha256(payload).hexdigest()):
        log.info("batch %s already ingested, skipping", msg["batch_id"])
        return
    if msg.get("signature") and not verify_signature(payload, msg["signature"], msg.get("sig_scheme", "v2")):
        raise ValueError(f"bad signature for batch {msg['batch_id']}")
    records = [apply_field_map(r, msg.get("field_map", {})) for r in parse_feed(payload, msg.get("format", "xml"))]
    upsert_products(conn, msg.get("table", "partner_products"), records)
    finish_batch(conn, msg["source"], msg["batch_id"], len(records))
    conn.commit()
    report_back(msg, {"batch_id": msg["batch_id"], "rows": len(records)})


def drain_retries(conn) -> None:
    while (raw := cache.lpop(RETRY_KEY)) is not None:
        job = pickle.loads(raw)  #@vuln CWE-502
        handle(conn, job)


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    signal.signal(signal.SIGTERM, _stop)
    conn = psycopg2.connect(os.environ["INGEST_DSN"])
    while running:
        drain_retries(conn)
        resp = sqs.receive_message(QueueUrl=QUEUE_URL, MaxNumberOfMessages=5, WaitTimeSeconds=20)
        for m in resp.get("Messages", []):
            msg = json.loads(m["Body"])  #@safe
            try:
                handle(conn, msg)
            except Exception:
                conn.rollback()
                log.exception("batch %s failed, queued for retry", msg.get("batch_id"))
                cache.rpush(RETRY_KEY, pickle.dumps(msg))
            sqs.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=m["ReceiptHandle"])
        time.sleep(0.5)


if __name__ == "__main__":
    main()
