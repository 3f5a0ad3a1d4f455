"""Native-to-PDF conversion, slip sheets and indexing."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile

from docx import Document as DocxDocument
from docx.shared import Pt

from lexvault.api.db import session_scope
from lexvault.api.models import Document
from lexvault.common.search_client import index_document
from lexvault.common.settings import get_settings
from lexvault.common.storage import load_extracted_text, matter_dir, native_path, scratch_path
from lexvault.workers.celery_app import celery_app
from lexvault.workers.ocr_tasks import extract_text_layer, ocr_document

settings = get_settings()
log = logging.getLogger(__name__)

OFFICE_SUFFIXES = {".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".rtf", ".odt", ".msg"}


def to_pdf(source: str, outdir: str) -> str:
    subprocess.run([settings.libreoffice_bin, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outdir, source], check=True, timeout=900, capture_output=True)  #@safe
    return os.path.join(outdir, os.path.splitext(os.path.basename(source))[0] + ".pdf")


def docx_text(path: str) -> str:
    document = DocxDocument(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return f"Author: {document.core_properties.author or ''}\n" + "\n".join(parts)


@celery_app.task(bind=True, max_retries=2)
def convert_native(self, document_id: int, target_format: str = "pdf") -> dict:
    with session_scope() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            return {"status": "missing"}
        source = native_path(doc.matter_id, doc.stored_name)
        outdir = os.path.join(matter_dir(doc.matter_id), "converted")
        os.makedirs(outdir, exist_ok=True)
        cmd = f"{settings.libreoffice_bin} --headless --norestore --convert-to {target_format} --outdir {outdir} {source}"
        subprocess.check_call(cmd, shell=True, timeout=900)  #@vuln CWE-78
        return {"status": "converted", "outdir": outdir}


@celery_app.task
def extract_and_index(document_id: int) -> dict:
    with session_scope() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            return {"status": "missing"}
        source = native_path(doc.matter_id, doc.stored_name)
        suffix = os.path.splitext(doc.stored_name)[1].lower()
        text = ""
        if suffix == ".pdf":
            text = extract_text_layer(source)
        elif suffix == ".docx":
            text = docx_text(source)
        elif suffix in OFFICE_SUFFIXES:
            with tempfile.TemporaryDirectory(prefix="lv-office-") as workdir:
                text = extract_text_layer(to_pdf(source, workdir))
        if len(text.strip()) < 20 and suffix in {".pdf", ".tif", ".tiff"}:
            ocr_document.delay(doc.id)
            doc.ocr_status = "queued"
        index_document(doc.matter_id, doc.id, {
            "bates_begin": doc.bates_begin,
            "custodian": doc.custodian,
            "filename": doc.original_filename,
            "subject": doc.title,
            "body": text or load_extracted_text(doc.matter_id, doc.id),
            "date_sent": doc.date_sent.isoformat() if doc.date_sent else None,
            "privilege_status": doc.privilege_status,
        })
        return {"status": "indexed", "chars": len(text)}


@celery_app.task
def build_slip_sheet(document_id: int, reason: str = "Withheld - Privileged") -> str:
    with session_scope() as session:
        doc = session.get(Document, document_id)
        slip = DocxDocument()
        heading = slip.add_paragraph()
        run = heading.add_run(doc.bates_begin or "")
        run.font.size = Pt(28)
        run.bold = True
        slip.add_paragraph(reason)
        slip.add_paragraph(f"Custodian: {doc.custodian}")
        staging_docx = scratch_path(".docx")
        slip.save(staging_docx)
        outdir = os.path.join(matter_dir(doc.matter_id), "slipsheets")
        os.makedirs(outdir, exist_ok=True)
        final_pdf = to_pdf(staging_docx, outdir)
        named_copy = os.path.join(outdir, f"{doc.original_filename}.slipsheet.pdf")
        shutil.move(final_pdf, named_copy)  #@vuln CWE-22
        os.unlink(staging_docx)
        return named_copy
