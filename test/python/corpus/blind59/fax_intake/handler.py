"""AWS Lambda entry points for inbound e-fax prescriptions.

The fax provider writes each received fax to s3://rxbridge-fax-inbound/<clinic-id>/<file name>,
which triggers `handle_s3_event`. Clinics on e-prescribing send NCPDP SCRIPT XML through API
Gateway to `handle_script_message`.
"""
import base64
import json
import logging
import os
import ssl
import tempfile
import urllib.request
from urllib.parse import unquote_plus

import boto3
import jwt
import psycopg2

from fax_intake import pdf_tools

log = logging.getLogger()
log.setLevel(logging.INFO)

WORK_DIR = os.path.join(tempfile.gettempdir(), "fax-intake")
ARCHIVE_BUCKET = os.environ.get("FAX_ARCHIVE_BUCKET", "rxbridge-fax-archive")
CALLBACK_URL = os.environ.get("INTAKE_CALLBACK_URL", "https://api.rxbridge.health/internal/fax-ready")

s3 = boto3.client("s3", region_name="us-east-2", aws_access_key_id="AKIA4RXB7QF2LKD3HZ6M", aws_secret_access_key="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")  #@vuln CWE-798
sqs = boto3.client("sqs")


def _db():
    return psycopg2.connect(  #@safe
        host=os.environ["DB_HOST"],
        dbname=os.environ.get("DB_NAME", "rxbridge"),
        user=os.environ["DB_USER"],
        password=os.environ["DB_PASSWORD"],
        connect_timeout=5,
    )


def _notify_intake_service(fax_id, fields):
    body = json.dumps({"fax_id": fax_id, "fields": fields}).encode()
    req = urllib.request.Request(CALLBACK_URL, data=body, headers={"Content-Type": "application/json"})
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(req, context=ctx, timeout=10) as resp:
        return resp.status


def _save_fields(s3_key, fields, source):
    conn = _db()
    try:
        with conn, conn.cursor() as cur:
            cur.execute(
                "INSERT INTO fax_intake (s3_key, source, status, received_at) VALUES (%s, %s, 'parsed', now()) RETURNING id",
                (s3_key, source),
            )
            fax_id = cur.fetchone()[0]
            sql = (
                "UPDATE fax_intake SET prescriber_name = '{prescriber_name}', prescriber_npi = '{prescriber_npi}', "
                "drug_text = '{drug_text}', quantity = '{quantity}' WHERE id = {fax_id}"
            ).format(fax_id=fax_id, **{k: fields.get(k) or "" for k in ("prescriber_name", "prescriber_npi", "drug_text", "quantity")})
            cur.execute(sql)  #@vuln CWE-89
        return fax_id
    finally:
        conn.close()


def _process_pdf(bucket, key, local_path):
    text = pdf_tools.extract_text(local_path)
    if len(text.strip()) < 40:
        text = pdf_tools.ocr_pdf(local_path)
    fields = pdf_tools.parse_prescription_fields(text)
    fax_id = _save_fields(key, fields, source="fax")

    archived = pdf_tools.compress_for_archive(local_path)
    s3.upload_file(archived, ARCHIVE_BUCKET, f"{fax_id}.pdf", ExtraArgs={"ServerSideEncryption": "aws:kms"})
    _notify_intake_service(fax_id, fields)
    return fax_id


def handle_s3_event(event, context):
    processed = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        if not key.lower().endswith(".pdf"):
            log.info("skipping non-pdf object %s", key)
            continue
        local_path = os.path.join(WORK_DIR, key)
        os.makedirs(os.path.dirname(local_path), exist_ok=True)
        s3.download_file(bucket, key, local_path)  #@vuln CWE-22
        processed.append(_process_pdf(bucket, key, local_path))
    return {"processed": processed}


def _clinic_from_assertion(headers):
    assertion = (headers or {}).get("x-clinic-assertion", "")
    claims = jwt.decode(assertion, algorithms=["RS256", "HS256"], options={"verify_signature": False, "verify_exp": False})  #@vuln CWE-347
    return claims.get("clinic_id")


def handle_script_message(event, context):
    clinic_id = _clinic_from_assertion(event.get("headers"))
    if not clinic_id:
        return {"statusCode": 401, "body": json.dumps({"error": "missing clinic assertion"})}
    body = event.get("body") or ""
    raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
    fields = pdf_tools.parse_ncpdp_script(raw)
    fields["clinic_id"] = clinic_id
    fax_id = _save_fields(f"script/{context.aws_request_id}", fields, source="ncpdp")
    return {"statusCode": 202, "body": json.dumps({"intake_id": fax_id})}


def handle_cover_sheet(event, context):
    """SQS-triggered: the provider posts a cover-sheet XML after each fax."""
    results = []
    for record in event.get("Records", []):
        meta = pdf_tools.parse_cover_sheet(record["body"].encode())
        log.info("cover sheet %s", json.dumps(meta))
        results.append(meta.get("FaxId"))
    return {"batchItemFailures": [], "seen": results}
