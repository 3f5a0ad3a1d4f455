"""Celery tasks for the document intake pipeline."""
import json
import logging
import os
import shutil
from urllib.parse import urlparse

import boto3
import jsonpickle
import requests

from . import bundles, ocr
from .celery_app import app

log = logging.getLogger(__name__)

INTAKE_BUCKET = os.environ.get("INTAKE_BUCKET", "claims-intake-prod")
WORK_DIR = os.environ.get("INTAKE_WORK_DIR", "/var/lib/intake/work")

_s3 = boto3.client("s3")


def upload_fileobj(fileobj, key):
    _s3.upload_fileobj(fileobj, INTAKE_BUCKET, key)
    return key


def download_to_workdir(key):
    local_path = os.path.join(WORK_DIR, key)
    os.makedirs(os.path.dirname(local_path), exist_ok=True)
    _s3.download_file(INTAKE_BUCKET, key, local_path)  #@vuln CWE-22
    return local_path


def upload_derived(local_path, key):
    _s3.upload_file(local_path, INTAKE_BUCKET, key)
    return key


EVIDENCE_HOSTS = {"uploads.example-insure.com", "bodyshop-portal.example-insure.com"}
IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic")


def _record_ocr_text(claim_id, key, text):
    from claims_api.models import Attachment

    Attachment.objects.filter(claim_id=claim_id, s3_key=key).update(ocr_text=text[:100000])


@app.task(bind=True, max_retries=3)
def process_upload(self, message):
    claim_id = message["claim_id"]
    key = message["key"]
    lang = message.get("lang", "eng")
    local_path = download_to_workdir(key)
    try:
        if local_path.lower().endswith(".zip"):
            unpack_evidence_bundle.delay(claim_id, key)
            return {"queued": "bundle"}
        if local_path.lower().endswith(IMAGE_EXTS):
            normalised = ocr.normalise_image(local_path)
            text = ocr.run_ocr(normalised, lang=lang)
            _record_ocr_text(claim_id, key, text)
            searchable = ocr.run_ocr_pdf(normalised, lang=lang)
            upload_derived(searchable, key + ".ocr.pdf")
            return {"chars": len(text)}
        return {"skipped": os.path.splitext(local_path)[1]}
    except Exception as exc:
        log.exception("OCR failed for %s", key)
        raise self.retry(exc=exc, countdown=30)


@app.task
def unpack_evidence_bundle(claim_id, key):
    archive = download_to_workdir(key)
    dest = os.path.join(WORK_DIR, "bundles", str(claim_id))
    if archive.endswith((".tar", ".tar.gz", ".tgz")):
        extractor = bundles.extract_shop_tar if key.startswith("bodyshop/") else bundles.extract_tar
        files = extractor(archive, dest)
    elif key.startswith("bodyshop/"):
        files = bundles.extract_zip_photos_only(archive, dest)
    else:
        files = bundles.extract_zip(archive, dest)
    manifest = bundles.find_manifest(files)
    described = {}
    if manifest and manifest.endswith(".xml"):
        described = {i["file"]: i["description"] for i in bundles.read_xml_manifest(manifest)}
    elif manifest:
        described = bundles.read_yaml_manifest(manifest).get("files", {})
    for path in files:
        if path.lower().endswith(IMAGE_EXTS):
            text = ocr.run_ocr(path)
            _record_ocr_text(claim_id, key + "#" + os.path.basename(path), text)
    shutil.rmtree(dest, ignore_errors=True)
    return {"files": len(files), "described": len(described)}


@app.task
def fetch_remote_evidence(claim_id, evidence_url):
    resp = requests.get(evidence_url, timeout=20, allow_redirects=True)  #@vuln CWE-918
    resp.raise_for_status()
    key = f"incoming/{claim_id}/remote-{abs(hash(evidence_url))}.bin"
    local = os.path.join(WORK_DIR, key)
    os.makedirs(os.path.dirname(local), exist_ok=True)
    with open(local, "wb") as fh:
        fh.write(resp.content)
    upload_derived(local, key)
    process_upload.delay({"claim_id": claim_id, "key": key})


@app.task
def fetch_partner_evidence(claim_id, evidence_url):
    parsed = urlparse(evidence_url)
    if parsed.scheme != "https" or parsed.hostname not in EVIDENCE_HOSTS:
        log.warning("rejected evidence url for claim %s: %s", claim_id, evidence_url)
        return None
    resp = requests.get(evidence_url, timeout=20, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return len(resp.content)


@app.task
def ingest_bodyshop_webhook(raw_body):
    """Body shop integrations post estimate updates; legacy partners send jsonpickle payloads."""
    envelope = json.loads(raw_body)
    if envelope.get("format") == "jsonpickle":
        estimate = jsonpickle.decode(envelope["payload"])  #@vuln CWE-502
    else:
        estimate = envelope["payload"]
    log.info("estimate update for claim %s", estimate.get("claim_number") if isinstance(estimate, dict) else estimate)
    return True


@app.task
def write_ocr_debug_dump(claim_id, text):
    dump_path = "/tmp/ocr-dump-%s.txt" % claim_id
    with open(dump_path, "w", encoding="utf-8") as fh:  #@vuln CWE-377
        fh.write(text)
    return dump_path
