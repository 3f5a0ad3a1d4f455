"""Upload, download and bulk import of claim documents."""
import hashlib
import io
import os
import tarfile
import tempfile
import zipfile
from urllib.parse import urlparse

import requests
from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel
from redis import Redis
from rq import Queue
from sqlmodel import Session

from claims_api.database import get_session
from claims_api.models import ClaimDocument
from claims_api.repository import ClaimRepository
from claims_api.settings import get_settings

settings = get_settings()
router = APIRouter(tags=["documents"])
ocr_queue = Queue("ocr", connection=Redis.from_url(settings.redis_url))


class RemoteDocument(BaseModel):
    url: str
    filename: str | None = None


def _claim_dir(claim_id: int) -> str:
    path = os.path.join(settings.document_root, str(claim_id))
    os.makedirs(path, exist_ok=True)
    return path


def _register(session: Session, claim_id: int, filename: str, path: str, data: bytes, ctype: str):
    doc = ClaimDocument(
        claim_id=claim_id,
        filename=filename,
        stored_path=path,
        content_type=ctype,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return ClaimRepository(session).add_document(doc)


@router.post("/claims/{claim_id}/documents")
async def upload_document(
    claim_id: int,
    file: UploadFile = File(...),
    dpi: str = Form("300"),
    colorspace: str = Form("Gray"),
    language: str = Form("eng"),
    session: Session = Depends(get_session),
):
    data = await file.read()
    target = os.path.join(_claim_dir(claim_id), file.filename)
    with open(target, "wb") as fh:  #@vuln CWE-22
        fh.write(data)
    doc = _register(session, claim_id, file.filename, target, data, file.content_type or "")
    ocr_queue.enqueue(
        "ocr_pipeline.jobs.process_document",
        str(doc.id),
        target,
        {"dpi": dpi, "colorspace": colorspace, "lang": language},
    )
    return {"id": doc.id, "queued": True}


@router.get("/documents/{claim_id}/raw/{filename:path}")
def download_document(claim_id: int, filename: str):
    path = os.path.join(settings.document_root, str(claim_id), filename)
    if not os.path.exists(path):
        raise HTTPException(status_code=404)
    return FileResponse(path)  #@vuln CWE-22


@router.get("/documents/{claim_id}/preview/{filename}")
def preview_document(claim_id: int, filename: str):
    base = os.path.realpath(os.path.join(settings.document_root, str(claim_id)))
    candidate = os.path.realpath(os.path.join(base, os.path.basename(filename)))
    if not candidate.startswith(base + os.sep) or not os.path.isfile(candidate):
        raise HTTPException(status_code=404)
    return FileResponse(candidate, media_type="application/pdf")  #@safe


@router.post("/claims/{claim_id}/documents/bundle")
async def upload_bundle(claim_id: int, bundle: UploadFile = File(...), session: Session = Depends(get_session)):
    dest = _claim_dir(claim_id)
    raw = await bundle.read()
    stored = []
    if bundle.filename.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            for member in zf.namelist():
                if member.endswith("/"):
                    continue
                out_path = os.path.join(dest, member)
                os.makedirs(os.path.dirname(out_path), exist_ok=True)
                with open(out_path, "wb") as out:  #@vuln CWE-22
                    out.write(zf.read(member))
                stored.append(out_path)
    elif bundle.filename.endswith((".tar.gz", ".tgz")):
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tf:
            tf.extractall(dest)  #@vuln CWE-22
            stored = [os.path.join(dest, m.name) for m in tf.getmembers() if m.isfile()]
    else:
        raise HTTPException(status_code=415, detail="expected .zip or .tar.gz")
    for path in stored:
        _register(session, claim_id, os.path.basename(path), path, b"", "application/octet-stream")
    return {"stored": len(stored)}


@router.post("/claims/{claim_id}/documents/import")
def import_remote(claim_id: int, body: RemoteDocument, session: Session = Depends(get_session)):
    resp = requests.get(body.url, timeout=30)  #@vuln CWE-918
    resp.raise_for_status()
    name = os.path.basename(body.filename or urlparse(body.url).path) or "remote.pdf"
    path = os.path.join(_claim_dir(claim_id), name)
    with open(path, "wb") as fh:
        fh.write(resp.content)
    doc = _register(session, claim_id, name, path, resp.content, resp.headers.get("content-type", ""))
    return {"id": doc.id}


@router.post("/claims/{claim_id}/documents/partner-storage")
def import_partner_storage(claim_id: int, body: RemoteDocument, session: Session = Depends(get_session)):
    parsed = urlparse(body.url)
    if parsed.scheme != "https" or parsed.hostname not in settings.partner_storage_hosts:
        raise HTTPException(status_code=400, detail="unsupported storage host")
    resp = requests.get(body.url, timeout=30, allow_redirects=False)  #@safe
    resp.raise_for_status()
    with tempfile.NamedTemporaryFile(dir=settings.scratch_dir, suffix=".pdf", delete=False) as tmp:  #@safe
        tmp.write(resp.content)
    final = os.path.join(_claim_dir(claim_id), os.path.basename(tmp.name))
    os.replace(tmp.name, final)
    doc = _register(session, claim_id, os.path.basename(final), final, resp.content, "application/pdf")
    return {"id": doc.id}


@router.post("/claims/{claim_id}/documents/merge")
def merge_documents(claim_id: int, session: Session = Depends(get_session)):
    docs = ClaimRepository(session).documents(claim_id)
    if not docs:
        raise HTTPException(status_code=404)
    merged_path = tempfile.mktemp(suffix=".pdf", prefix="merge-")  #@vuln CWE-377
    ocr_queue.enqueue("ocr_pipeline.jobs.merge_pdfs", [d.stored_path for d in docs], merged_path)
    return {"queued": True, "output": merged_path}
