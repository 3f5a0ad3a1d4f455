import logging
import os
import re
import subprocess
import tempfile

import httpx

from ..celery_app import app
from ..integrations.s3 import DocumentStore
from ..settings import settings

log = logging.getLogger(__name__)
store = DocumentStore(settings.document_bucket, settings.s3_endpoint)


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def render_letter(self, claim_id: int, html: str, output_name: str) -> str:
    html_path = tempfile.mktemp(suffix=".html", prefix=f"letter-{claim_id}-")  #@vuln CWE-377
    with open(html_path, "w", encoding="utf-8") as fh:
        fh.write(html)
    pdf_path = os.path.join(settings.output_dir, output_name)
    try:
        subprocess.run(f"wkhtmltopdf --quiet --page-size A4 {html_path} {pdf_path}", shell=True, check=True, timeout=120)  #@vuln CWE-78
    except subprocess.SubprocessError as exc:
        raise self.retry(exc=exc)
    finally:
        os.unlink(html_path)
    store.upload(pdf_path, f"letters/{claim_id}/{os.path.basename(pdf_path)}", "application/pdf")
    return pdf_path


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def render_policy_schedule(self, policy_number: str, html: str) -> str:
    safe_number = re.sub(r"[^A-Za-z0-9_-]", "", policy_number)
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as fh:  #@safe
        fh.write(html)
    pdf_path = os.path.join(settings.output_dir, f"schedule-{safe_number}.pdf")
    try:
        subprocess.run(["wkhtmltopdf", "--quiet", "--page-size", "A4", fh.name, pdf_path], check=True, timeout=120)  #@safe
    except subprocess.SubprocessError as exc:
        raise self.retry(exc=exc)
    finally:
        os.unlink(fh.name)
    store.upload(pdf_path, f"schedules/{safe_number}.pdf", "application/pdf")
    return pdf_path


@app.task(autoretry_for=(httpx.TransportError,), retry_backoff=True, max_retries=5)
def notify_partner(callback_url: str, claim_id: int, document_key: str) -> int:
    payload = {"claim_id": claim_id, "document": store.presigned(document_key)}
    resp = httpx.post(callback_url, json=payload, timeout=10.0)  #@vuln CWE-918
    log.info("partner notified for claim %s: %s", claim_id, resp.status_code)
    return resp.status_code
