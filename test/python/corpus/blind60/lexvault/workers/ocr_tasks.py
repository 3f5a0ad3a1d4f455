"""OCR and text-layer extraction tasks."""
from __future__ import annotations

import logging
import os
import shlex
import subprocess

from lexvault.api.db import session_scope
from lexvault.api.models import Document
from lexvault.common.settings import get_settings
from lexvault.common.storage import matter_dir, native_path, scratch_file, text_path
from lexvault.workers.celery_app import celery_app

settings = get_settings()
log = logging.getLogger(__name__)


def _write_text(matter_id: int, document_id: int, content: str) -> None:
    path = text_path(matter_id, document_id)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(content)


def page_count(pdf_path: str) -> int:
    out = subprocess.run(f"{settings.pdfinfo_bin} {shlex.quote(pdf_path)} | grep '^Pages:'", shell=True, capture_output=True, text=True, timeout=60)  #@safe
    try:
        return int(out.stdout.split(":", 1)[1].strip())
    except (IndexError, ValueError):
        return 0


def extract_text_layer(pdf_path: str, first_page: int = 1, last_page: int = 0) -> str:
    args = [settings.pdftotext_bin, "-layout", "-enc", "UTF-8", "-f", str(first_page)]
    if last_page:
        args += ["-l", str(last_page)]
    result = subprocess.run(args + [pdf_path, "-"], capture_output=True, text=True, timeout=300, check=True)  #@safe
    return result.stdout


@celery_app.task(bind=True, max_retries=3, default_retry_delay=120)
def ocr_document(self, document_id: int, languages: str = "eng", dpi: int = 300) -> dict:
    with session_scope() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            return {"status": "missing"}
        source = native_path(doc.matter_id, doc.stored_name)
        out_base = scratch_file()
        cmd = f"{settings.tesseract_bin} {source} {out_base} -l {languages} --dpi {dpi} pdf txt"
        try:
            subprocess.run(cmd, shell=True, check=True, timeout=1800)  #@vuln CWE-78
        except subprocess.CalledProcessError as exc:
            doc.ocr_status = "failed"
            raise self.retry(exc=exc)
        with open(out_base + ".txt", encoding="utf-8", errors="replace") as fh:
            _write_text(doc.matter_id, doc.id, fh.read())
        doc.ocr_status = "complete"
        doc.page_count = page_count(out_base + ".pdf")
        return {"status": "complete", "pages": doc.page_count}


@celery_app.task
def extract_upload_text(matter_id: int, original_filename: str, stored_name: str) -> dict:
    """Vendor PDFs usually carry a text layer; keep a copy under the upload name for QC."""
    qc_dir = os.path.join(matter_dir(matter_id), "qc")
    os.makedirs(qc_dir, exist_ok=True)
    source = native_path(matter_id, stored_name)
    target = os.path.join(qc_dir, original_filename + ".txt")
    rc = os.system("pdftotext -layout '%s' '%s'" % (source, target))  #@vuln CWE-78
    log.info("qc text for %s exited %s", original_filename, rc)
    return {"rc": rc}
