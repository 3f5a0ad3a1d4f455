"""Reporting endpoints: ad-hoc breakdowns, saved reports, shares and scheduled notebook runs."""
from __future__ import annotations

import html
import os
from datetime import date

import asyncpg
import yaml
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel

from adpulse_api import clickhouse
from adpulse_api.db import get_pool
from adpulse_api.repositories import SavedReportRepository
from adpulse_api.security import current_user, new_share_token
from adpulse_api.settings import get_settings
from adpulse_common.files import safe_join
from adpulse_common.templating import render_sandboxed, render_snippet
from adpulse_workers.tasks import run_report_notebook

router = APIRouter(prefix="/reports", tags=["reports"])
settings = get_settings()

SHARED_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{name} - AdPulse</title></head>
<body><h1>{name}</h1><p class="note">{note}</p><div id="report" data-report="{report_id}"></div>
<script src="/static/shared-report.js"></script></body></html>"""


class HeaderTemplate(BaseModel):
    template: str


class EmailPreview(BaseModel):
    subject: str
    body: str


class RunOptions(BaseModel):
    notebook: str = "weekly_performance.ipynb"
    output_format: str = "html"
    title: str = "Weekly performance"
    parameters: dict = {}
    derived_metrics: dict[str, str] = {}
    email_template: str | None = None
    recipient: str | None = None
    post_process_hook: str | None = None
    webhook_url: str | None = None


@router.get("/breakdown")
def breakdown(
    dimension: str = "day",
    metrics: list[str] = Query(["impressions", "clicks", "spend"]),
    where: str | None = None,
    sort: str = "bucket",
    desc: bool = False,
    user: dict = Depends(current_user),
):
    return clickhouse.breakdown(user["adv"], dimension, metrics, where, sort, desc)


@router.get("/placements")
def placements(q: str, user: dict = Depends(current_user)):
    return clickhouse.search_placements(user["adv"], q)


@router.get("/campaigns/{campaign_id}/daily")
def campaign_daily(campaign_id: int, start: date, end: date, user: dict = Depends(current_user)):
    return clickhouse.campaign_daily(campaign_id, start, end)


@router.get("/top-creatives")
def top_creatives(sort: str = "impressions", limit: int = 50, user: dict = Depends(current_user)):
    return clickhouse.top_creatives(user["adv"], sort, limit)


@router.get("/saved")
async def saved_by_tag(tag: str, user: dict = Depends(current_user), pool: asyncpg.Pool = Depends(get_pool)):
    rows = await SavedReportRepository(pool).find_by_tag(user["adv"], tag)
    return [dict(r) for r in rows]


@router.get("/files/{filename:path}")
def download_report(filename: str, user: dict = Depends(current_user)):
    path = os.path.join(settings.report_output_dir, str(user["adv"]), filename)
    if not os.path.isfile(path):
        raise HTTPException(status_code=404)
    return FileResponse(path, filename=os.path.basename(path))  #@vuln CWE-22


@router.get("/exports/{name}")
def download_export(name: str, user: dict = Depends(current_user)):
    base = os.path.join(settings.report_output_dir, str(user["adv"]), "exports")
    try:
        path = safe_join(base, os.path.basename(name))
    except PermissionError:
        raise HTTPException(status_code=404)
    return FileResponse(path, media_type="text/csv", filename=os.path.basename(path))  #@safe


@router.get("/{report_id}/summary", response_class=HTMLResponse)
async def report_summary(
    report_id: int,
    title: str | None = None,
    user: dict = Depends(current_user),
    pool: asyncpg.Pool = Depends(get_pool),
):
    report = await SavedReportRepository(pool).get(user["adv"], report_id)
    if report is None:
        raise HTTPException(status_code=404)
    heading = title or report["name"]
    rows = "".join(
        f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
        for k, v in report["definition"].items()
    )
    return HTMLResponse(f"<html><body><h1>{heading}</h1><table class='definition'>{rows}</table></body></html>")  #@vuln CWE-79


@router.get("/shared/{token}", response_class=HTMLResponse)
async def shared_report(token: str, note: str = "", pool: asyncpg.Pool = Depends(get_pool)):
    report = await SavedReportRepository(pool).by_share_token(token)
    if report is None:
        raise HTTPException(status_code=404)
    page = SHARED_PAGE.format(name=html.escape(report["name"]), note=html.escape(note), report_id=int(report["id"]))
    return HTMLResponse(page)  #@safe


@router.post("/{report_id}/share")
async def share_report(report_id: int, user: dict = Depends(current_user), pool: asyncpg.Pool = Depends(get_pool)):
    repo = SavedReportRepository(pool)
    report = await repo.get(user["adv"], report_id)
    if report is None:
        raise HTTPException(status_code=404)
    token = new_share_token()
    await repo.save(user["adv"], report["name"], report["definition"], share_token=token)
    return {"url": f"https://app.adpulse.io/reports/shared/{token}"}


@router.post("/{report_id}/header")
async def render_header(report_id: int, body: HeaderTemplate, user: dict = Depends(current_user), pool: asyncpg.Pool = Depends(get_pool)):
    report = await SavedReportRepository(pool).get(user["adv"], report_id)
    if report is None:
        raise HTTPException(status_code=404)
    return {"header": render_snippet(body.template, report=report, today=date.today().isoformat())}


@router.post("/email-preview")
async def email_preview(body: EmailPreview, user: dict = Depends(current_user)):
    context = {"advertiser_id": user["adv"], "today": date.today().isoformat()}
    return {"subject": render_sandboxed(body.subject, **context), "body": render_sandboxed(body.body, **context)}


@router.post("/import")
async def import_definition(request: Request, user: dict = Depends(current_user), pool: asyncpg.Pool = Depends(get_pool)):
    raw = await request.body()
    definition = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    if not isinstance(definition, dict) or "name" not in definition:
        raise HTTPException(status_code=422, detail="definition needs a name")
    report_id = await SavedReportRepository(pool).save(user["adv"], definition.pop("name"), definition)
    return {"id": report_id}


@router.post("/presets/validate")
async def validate_preset(request: Request, user: dict = Depends(current_user)):
    preset = yaml.safe_load(await request.body())  #@safe
    missing = [k for k in ("dimension", "metrics") if k not in (preset or {})]
    return {"valid": not missing, "missing": missing}


@router.post("/{report_id}/run", status_code=202)
async def run_report(report_id: int, body: RunOptions, user: dict = Depends(current_user)):
    message = run_report_notebook.send(user["adv"], report_id, body.model_dump())
    return {"message_id": message.message_id}
