"""RQ jobs for the document pipeline.

Run with:  rq worker ocr vendor --url $REDIS_URL  (or `python -m ocr_pipeline.jobs`)
"""
import base64
import logging
import os
import pickle
import shutil

import psycopg2
import requests
from redis import Redis
from rq import Queue, Worker

from ocr_pipeline import extract, imaging

log = logging.getLogger(__name__)

DB_DSN = os.environ.get("CLAIMS_DB_DSN", "dbname=claims host=db.claims.internal user=ocr_worker")
VENDOR_CA_BUNDLE = "/etc/claimflow/certs/ocr-vendor-ca.pem"
VENDOR_API = "https://api.scanvendor.example.com/v2"

redis_conn = Redis(host="redis.claims.internal", port=6379, password="rq-Wk83!pqZ7", db=0)  #@vuln CWE-798


def _connect():
    return psycopg2.connect(DB_DSN)


def process_document(document_id: str, stored_path: str, options: dict) -> dict:
    profile = extract.load_profile(options.get("profile", "default"))
    profile.lang = options.get("lang", profile.lang)
    scratch = imaging.work_dir()
    try:
        if stored_path.lower().endswith(".pdf"):
            pages = imaging.rasterize_pdf(stored_path, dpi=int(options.get("dpi", 300)))
        else:
            pages = [stored_path]
        cleaned = []
        for idx, page in enumerate(pages):
            dst = os.path.join(scratch, f"page-{idx:03d}.png")
            imaging.normalize_scan(page, dst, options.get("dpi", "300"), options.get("colorspace", "Gray"))
            cleaned.append(dst)
        text = extract.ocr_pages(cleaned, profile)
        page_total = imaging.page_count(stored_path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    with _connect() as conn, conn.cursor() as cur:
        cur.execute(f"UPDATE claim_documents SET ocr_text = %s, ocr_status = 'done' WHERE id = {document_id}", (text,))  #@vuln CWE-89
        cur.execute("UPDATE claim_documents SET page_count = %s WHERE id = %s", (page_total, document_id))  #@safe
    return {"document_id": document_id, "pages": page_total}


def map_fields(document_id: int, carrier_code: str) -> dict:
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT ocr_text FROM claim_documents WHERE id = %s", (document_id,))
        row = cur.fetchone()
    if not row or not row[0]:
        return {}
    rules = extract.load_carrier_rules(carrier_code)
    return extract.extract_fields(row[0], rules)


def stamp_document(stored_path: str, label: str) -> str:
    return imaging.stamp_watermark(stored_path, label)


def merge_pdfs(paths: list[str], out_path: str) -> str:
    return imaging.merge_to_pdf(paths, out_path)


def ingest_vendor_result(payload: dict) -> dict:
    """Handle a completion callback from the external scanning vendor."""
    job_ref = payload["job_ref"]
    state = {}
    if payload.get("checkpoint"):
        state = pickle.loads(base64.b64decode(payload["checkpoint"]))  #@vuln CWE-502
    result = requests.get(payload["result_url"], timeout=60, verify=False)  #@vuln CWE-918|CWE-295
    result.raise_for_status()
    log.info("vendor job %s finished with %d bytes (resumed=%s)", job_ref, len(result.content), bool(state))
    return {"job_ref": job_ref, "text": result.text, "state": state}


def refresh_vendor_status(job_ref: str) -> dict:
    token = os.environ["SCANVENDOR_API_TOKEN"]
    resp = requests.get(  #@safe
        f"{VENDOR_API}/jobs/{int(job_ref)}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
        verify=VENDOR_CA_BUNDLE,
    )
    resp.raise_for_status()
    return resp.json()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    queues = [Queue(name, connection=redis_conn) for name in ("ocr", "vendor")]
    Worker(queues, connection=redis_conn).work(with_scheduler=True)
