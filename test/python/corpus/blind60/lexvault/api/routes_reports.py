"""Privilege-log report endpoints."""
from __future__ import annotations

import os
from datetime import date
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Response
from fastapi.responses import HTMLResponse
from jinja2 import Template
from markupsafe import escape
from pydantic import BaseModel
from sqlmodel import Session

from lexvault.api.db import get_session
from lexvault.api.privlog import build_docx, html_to_pdf, render_print_log, render_privilege_log_html
from lexvault.api.repository import DocumentRepository, PrivilegeRepository
from lexvault.api.routes_auth import current_user
from lexvault.common.storage import export_dir

router = APIRouter(prefix="/matters/{matter_id}/privilege-log", tags=["privilege-log"])


class PreviewRequest(BaseModel):
    footer: str = "Prepared by {{ matter }} litigation support on {{ generated }}"
    basis: Optional[str] = None


class DocxExport(BaseModel):
    filename: str = "privilege_log.docx"
    basis: Optional[str] = None


def _load(session: Session, matter_id: int, basis: Optional[str] = None):
    repo = PrivilegeRepository(session)
    matter = repo.matter(matter_id)
    if matter is None:
        raise HTTPException(status_code=404, detail="matter not found")
    return matter, repo.entries(matter_id, basis)


@router.get("", response_class=HTMLResponse)
def privilege_log(matter_id: int, basis: Optional[str] = None, user: dict = Depends(current_user),
                  session: Session = Depends(get_session)):
    matter, entries = _load(session, matter_id, basis)
    return HTMLResponse(render_privilege_log_html(matter, entries))


@router.get("/pdf")
def privilege_log_pdf(matter_id: int, user: dict = Depends(current_user), session: Session = Depends(get_session)):
    matter, entries = _load(session, matter_id)
    pdf = html_to_pdf(render_print_log(matter, entries))
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="privlog-{int(matter_id)}.pdf"'})


@router.get("/print-preview", response_class=HTMLResponse)
def print_preview(matter_id: int, user: dict = Depends(current_user), session: Session = Depends(get_session)):
    matter, entries = _load(session, matter_id)
    return HTMLResponse(render_print_log(matter, entries))


@router.post("/preview", response_class=HTMLResponse)
def preview(matter_id: int, body: PreviewRequest, user: dict = Depends(current_user),
            session: Session = Depends(get_session)):
    matter, entries = _load(session, matter_id, body.basis)
    footer = Template(body.footer).render(matter=matter.name, generated=date.today().isoformat())  #@vuln CWE-1336
    return HTMLResponse(render_privilege_log_html(matter, entries, footer=footer))


@router.get("/by-custodian", response_class=HTMLResponse)
def by_custodian(matter_id: int, custodian: str, user: dict = Depends(current_user),
                 session: Session = Depends(get_session)):
    matter, entries = _load(session, matter_id)
    rows = [e for e in entries if (e.get("custodian") or "").lower() == custodian.lower()]
    if not rows:
        return HTMLResponse(f"<p class='empty'>No privilege entries for custodian <b>{custodian}</b>.</p>", status_code=404)  #@vuln CWE-79
    return HTMLResponse(render_privilege_log_html(matter, rows))


@router.get("/by-tag", response_class=HTMLResponse)
def by_tag(matter_id: int, tag: str, user: dict = Depends(current_user), session: Session = Depends(get_session)):
    count = DocumentRepository(session).count_by_tag(matter_id, tag)
    if count == 0:
        return HTMLResponse(f"<p class='empty'>No documents tagged <b>{escape(tag)}</b>.</p>", status_code=404)  #@safe
    return HTMLResponse(f"<p>{count} documents tagged <b>{escape(tag)}</b>.</p>")


@router.post("/docx")
def export_docx(matter_id: int, body: DocxExport, user: dict = Depends(current_user),
                session: Session = Depends(get_session)):
    matter, entries = _load(session, matter_id, body.basis)
    document = build_docx(matter, entries)
    out_path = os.path.join(export_dir(matter_id), body.filename)
    document.save(out_path)  #@vuln CWE-22
    return {"path": out_path, "entries": len(entries)}
