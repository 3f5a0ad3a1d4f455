"""LexVault review API entry point."""
from __future__ import annotations

import logging

import uvicorn
from fastapi import Depends, FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from sqlmodel import Session, select

from lexvault.api import routes_auth, routes_documents, routes_matters, routes_reports
from lexvault.api.db import get_session, init_db
from lexvault.api.models import Document
from lexvault.common.storage import native_path, safe_filename
from lexvault.common.settings import get_settings

settings = get_settings()
logging.basicConfig(level=logging.DEBUG if settings.debug else logging.INFO)

app = FastAPI(title="LexVault Review API", version="3.4.0", debug=settings.debug)  #@safe
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True, allow_methods=["GET", "POST", "PUT", "DELETE"], allow_headers=["Authorization", "Content-Type"])  #@safe

app.include_router(routes_auth.router)
app.include_router(routes_documents.router)
app.include_router(routes_matters.router)
app.include_router(routes_reports.router)

# Shared productions: opposing and co-counsel pull documents from their own review tools.
share_app = FastAPI(title="LexVault Shared Productions")
share_app.add_middleware(CORSMiddleware, allow_origin_regex=r"https?://.*", allow_credentials=True, allow_methods=["GET"], allow_headers=["*"])  #@vuln CWE-942


@share_app.get("/{matter_id}/documents/{document_id}")
def shared_native(matter_id: int, document_id: int, session: Session = Depends(get_session)):
    doc = session.exec(select(Document).where(Document.id == document_id, Document.matter_id == matter_id,
                                              Document.privilege_status == "produced")).first()
    if doc is None:
        raise HTTPException(status_code=404, detail="not produced")
    return FileResponse(native_path(matter_id, doc.stored_name), filename=safe_filename(doc.original_filename))


app.mount("/shared", share_app)


@app.on_event("startup")
def on_startup() -> None:
    init_db()


@app.get("/healthz")
def healthz():
    return {"status": "ok", "environment": settings.environment}


if __name__ == "__main__":
    uvicorn.run("lexvault.api.main:app", host="0.0.0.0", port=8000, proxy_headers=True)
