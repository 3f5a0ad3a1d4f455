"""Reporting microservice (FastAPI)."""
import subprocess
import shlex
from enum import Enum
from pathlib import Path
from typing import Optional
from uuid import UUID

import httpx
from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, field_validator
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg2://reports@db/reports")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI(title="reports")

EXPORT_ROOT = Path("/srv/exports").resolve()
WEBHOOK_HOSTS = {"hooks.slack.com", "hooks.example.com"}


def get_session():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


class Format(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


class ExportRequest(BaseModel):
    table: str
    columns: list[str]

    @field_validator("table")
    @classmethod
    def table_must_be_known(cls, v: str) -> str:
        if v not in {"sales", "refunds", "customers"}:
            raise ValueError("unknown table")
        return v


class WebhookIn(BaseModel):
    url: str
    message: str


@app.get("/reports/{report_id}")
def get_report(report_id: int, db: Session = Depends(get_session)):
    row = db.execute(text(f"SELECT * FROM reports WHERE id = {report_id}")).first()  #@safe
    if not row:
        raise HTTPException(404)
    return dict(row._mapping)


@app.get("/reports/by-owner/{owner}")
def reports_by_owner(owner: str, db: Session = Depends(get_session)):
    rows = db.execute(text(f"SELECT id, title FROM reports WHERE owner = '{owner}'")).all()  #@vuln CWE-89
    return [dict(r._mapping) for r in rows]


@app.get("/reports/by-title")
def reports_by_title(title: str = Query(...), db: Session = Depends(get_session)):
    rows = db.execute(text("SELECT id FROM reports WHERE title = :t"), {"t": title}).all()  #@safe
    return [r.id for r in rows]


@app.get("/reports/tenant/{tenant_id}")
def reports_for_tenant(tenant_id: UUID, db: Session = Depends(get_session)):
    rows = db.execute(text("SELECT id FROM reports WHERE tenant_id = '%s'" % tenant_id)).all()  #@safe
    return [r.id for r in rows]


@app.post("/reports/export")
def export_report(req: ExportRequest, fmt: Format = Format.csv, db: Session = Depends(get_session)):
    cols = ", ".join(req.columns)
    sql = "SELECT {} FROM {}".format(cols, req.table)
    rows = db.execute(text(sql)).all()  #@vuln CWE-89
    return {"format": fmt.value, "count": len(rows)}


@app.post("/reports/render")
def render_pdf(name: str, fmt: Format = Format.csv):
    cmd = f"wkhtmltopdf /srv/templates/{name}.html /srv/exports/{name}.{fmt.value}"
    result = subprocess.run(cmd, shell=True, capture_output=True)  #@vuln CWE-78
    return {"rc": result.returncode}


@app.post("/reports/render-safe")
def render_pdf_safe(name: str):
    src = f"/srv/templates/{Path(name).name}.html"
    result = subprocess.run(["wkhtmltopdf", src, "/srv/exports/out.pdf"], capture_output=True)  #@safe
    return {"rc": result.returncode}


@app.post("/reports/archive")
def archive(label: str):
    quoted = shlex.quote(label)
    result = subprocess.run(["tar", "czf", f"/srv/archive/{Path(label).name}.tgz", "/srv/exports"], check=False)  #@safe
    return {"rc": result.returncode, "label": quoted}


@app.get("/reports/download/{filename}")
def download(filename: str):
    return FileResponse(f"/srv/exports/{filename}")  #@vuln CWE-22


@app.get("/reports/download-safe/{filename}")
def download_safe(filename: str):
    target = (EXPORT_ROOT / filename).resolve()
    if not target.is_relative_to(EXPORT_ROOT):
        raise HTTPException(400, "bad filename")
    return FileResponse(target)  #@safe


async def _post_json(url: str, body: dict) -> int:
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(url, json=body)  #@vuln CWE-918
        return resp.status_code


@app.post("/reports/notify")
async def notify(hook: WebhookIn):
    status = await _post_json(hook.url, {"text": hook.message})
    return {"status": status}


@app.post("/reports/notify-safe")
async def notify_safe(hook: WebhookIn):
    parsed = httpx.URL(hook.url)
    if parsed.scheme != "https" or parsed.host not in WEBHOOK_HOSTS:
        raise HTTPException(400, "host not allowed")
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(str(parsed), json={"text": hook.message})  #@safe
    return {"status": resp.status_code}


@app.get("/reports/preview", response_class=HTMLResponse)
def preview(title: Optional[str] = None):
    return HTMLResponse(f"<html><h1>{title}</h1></html>")  #@vuln CWE-79


@app.get("/reports/thumbnail")
def thumbnail(src: str):
    resp = httpx.get(src, verify=False)  #@vuln CWE-918|CWE-295
    return {"bytes": len(resp.content)}
