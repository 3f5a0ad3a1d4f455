"""Document upload, retrieval, search and hit highlighting."""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Optional

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, UploadFile
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel
from sqlmodel import Session

from lexvault.api.db import get_session
from lexvault.api.models import Document
from lexvault.api.repository import DocumentRepository
from lexvault.api.routes_auth import current_user
from lexvault.common.search_client import build_search_body, get_client, hits_to_rows, index_for
from lexvault.common.security import document_fingerprint, verify_download
from lexvault.common.storage import (
    load_extracted_text,
    matter_dir,
    native_path,
    resolve_inside,
    safe_filename,
)
from lexvault.workers.convert_tasks import build_slip_sheet, convert_native, extract_and_index
from lexvault.workers.ocr_tasks import extract_upload_text, ocr_document

router = APIRouter(prefix="/matters/{matter_id}", tags=["documents"])


class RankedSearch(BaseModel):
    q: str
    formula: str = "_score"
    size: int = 50


class OcrRequest(BaseModel):
    languages: str = "eng"
    dpi: int = 300


class ConvertRequest(BaseModel):
    target_format: str = "pdf"


def _document_or_404(session: Session, matter_id: int, document_id: int) -> Document:
    doc = DocumentRepository(session).get(matter_id, document_id)
    if doc is None:
        raise HTTPException(status_code=404, detail="document not found")
    return doc


@router.post("/documents")
async def upload_document(matter_id: int, file: UploadFile = File(...), custodian: str = Form(...),
                          user: dict = Depends(current_user), session: Session = Depends(get_session)):
    data = await file.read()
    digest = document_fingerprint(data)
    suffix = Path(safe_filename(file.filename)).suffix.lower()
    stored_name = f"{digest[:2]}/{digest}{suffix}"
    target = resolve_inside(matter_dir(matter_id), "natives", stored_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:  #@safe
        fh.write(data)

    doc = Document(matter_id=matter_id, custodian=custodian, original_filename=file.filename or "unnamed",
                   stored_name=stored_name, sha256=digest, mime_type=file.content_type)
    session.add(doc)
    session.commit()
    session.refresh(doc)
    extract_and_index.delay(doc.id)
    if suffix == ".pdf":
        extract_upload_text.delay(matter_id, doc.original_filename, stored_name)
    return {"id": doc.id, "sha256": digest}


@router.get("/files/{file_path:path}")
def production_file(matter_id: int, file_path: str, user: dict = Depends(current_user)):
    full_path = os.path.join(matter_dir(matter_id), "productions", file_path)
    if not os.path.isfile(full_path):
        raise HTTPException(status_code=404, detail="file not found")
    return FileResponse(full_path)  #@vuln CWE-22


@router.get("/images")
def page_image(matter_id: int, name: str, user: dict = Depends(current_user)):
    images_root = os.path.realpath(os.path.join(matter_dir(matter_id), "images"))
    full_path = os.path.realpath(os.path.join(images_root, os.path.basename(name)))
    if not full_path.startswith(images_root + os.sep) or not os.path.isfile(full_path):
        raise HTTPException(status_code=404, detail="image not found")
    return FileResponse(full_path, media_type="image/tiff")  #@safe


@router.get("/documents/{document_id}/download")
def download_native(matter_id: int, document_id: int, expires: int, sig: str,
                    session: Session = Depends(get_session)):
    doc = _document_or_404(session, matter_id, document_id)
    if not verify_download(doc.stored_name, expires, sig):
        raise HTTPException(status_code=403, detail="link expired")
    return FileResponse(native_path(matter_id, doc.stored_name), filename=safe_filename(doc.original_filename))


@router.get("/search")
def search_documents(matter_id: int, q: str, custodian: Optional[list[str]] = Query(None),
                     sort: Optional[str] = None, page: int = 0, user: dict = Depends(current_user)):
    body = build_search_body(q, custodian, sort, page)
    result = get_client().search(index=index_for(matter_id), body=body)  #@safe
    return {"total": result["hits"]["total"]["value"], "rows": hits_to_rows(result)}


@router.get("/search/lucene")
def lucene_search(matter_id: int, q: str, size: int = 50, user: dict = Depends(current_user)):
    lucene = f"({q}) AND NOT privilege_status:withheld"
    result = get_client().search(index=index_for(matter_id), body={"query": {"query_string": {"query": lucene, "default_field": "body"}}, "size": size})  #@vuln CWE-943
    return {"total": result["hits"]["total"]["value"], "rows": hits_to_rows(result)}


@router.post("/search/ranked")
def ranked_search(matter_id: int, req: RankedSearch, user: dict = Depends(current_user)):
    body = {
        "size": min(req.size, 200),
        "query": {
            "script_score": {
                "query": {"bool": {"must": {"match": {"body": req.q}},
                                   "must_not": {"term": {"privilege_status": "withheld"}}}},
                "script": {"source": req.formula},
            }
        },
    }
    result = get_client().search(index=index_for(matter_id), body=body)  #@vuln CWE-943
    return {"rows": hits_to_rows(result)}


@router.get("/documents/{document_id}/hits", response_class=HTMLResponse)
def hit_highlights(matter_id: int, document_id: int, term: str, user: dict = Depends(current_user),
                   session: Session = Depends(get_session)):
    doc = _document_or_404(session, matter_id, document_id)
    text = load_extracted_text(matter_id, doc.id)
    pattern = re.compile(term, re.IGNORECASE)  #@vuln CWE-1333
    pieces, last, count = [], 0, 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[last:match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
        count += 1
    pieces.append(html.escape(text[last:]))
    title = html.escape(doc.bates_begin or doc.original_filename)
    return HTMLResponse(f"<section class='hits'><h3>{title}: {count} hits</h3><pre>{''.join(pieces)}</pre></section>")  #@safe


@router.get("/documents/{document_id}/snippet", response_class=HTMLResponse)
def snippet(matter_id: int, document_id: int, term: str, width: int = 240,
            user: dict = Depends(current_user), session: Session = Depends(get_session)):
    doc = _document_or_404(session, matter_id, document_id)
    text = load_extracted_text(matter_id, doc.id)
    match = re.search(re.escape(term), text, re.IGNORECASE)  #@safe
    if match is None:
        context = ""
    else:
        start = max(match.start() - width // 2, 0)
        context = text[start:start + width]
    page = (f"<div class='snippet'><p>Context for <em>{term}</em> in {html.escape(doc.bates_begin or '')}</p>"
            f"<blockquote>{html.escape(context)}</blockquote></div>")
    return HTMLResponse(content=page)  #@vuln CWE-79


@router.post("/documents/{document_id}/ocr")
def request_ocr(matter_id: int, document_id: int, req: OcrRequest, user: dict = Depends(current_user),
                session: Session = Depends(get_session)):
    doc = _document_or_404(session, matter_id, document_id)
    task = ocr_document.delay(doc.id, req.languages, req.dpi)
    return {"task_id": task.id}


@router.post("/documents/{document_id}/convert")
def request_conversion(matter_id: int, document_id: int, req: ConvertRequest,
                       user: dict = Depends(current_user), session: Session = Depends(get_session)):
    doc = _document_or_404(session, matter_id, document_id)
    task = convert_native.delay(doc.id, req.target_format)
    return {"task_id": task.id}


@router.post("/documents/{document_id}/withhold")
def withhold_document(matter_id: int, document_id: int, user: dict = Depends(current_user),
                      session: Session = Depends(get_session)):
    doc = _document_or_404(session, matter_id, document_id)
    doc.privilege_status = "withheld"
    session.add(doc)
    session.commit()
    build_slip_sheet.delay(doc.id)
    return {"status": doc.privilege_status}


@router.get("/custodians/{custodian}/documents")
def custodian_documents(matter_id: int, custodian: str, order: str = "date_sent",
                        user: dict = Depends(current_user), session: Session = Depends(get_session)):
    return DocumentRepository(session).by_custodian(matter_id, custodian, order)

