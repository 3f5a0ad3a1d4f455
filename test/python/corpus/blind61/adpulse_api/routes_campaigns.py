"""Campaign and creative management endpoints."""
from __future__ import annotations

import os
import re
from typing import Literal

import asyncpg
import defusedxml.ElementTree as ET
from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.templating import Jinja2Templates
from lxml import etree
from markupsafe import Markup
from pydantic import BaseModel, HttpUrl
from sqlalchemy.ext.asyncio import AsyncSession

from adpulse_api.db import get_pool, get_session
from adpulse_api.repositories import CampaignRepository, CreativeRepository
from adpulse_api.security import current_user
from adpulse_api.settings import get_settings
from adpulse_common.files import clean_filename, safe_join, write_upload
from adpulse_common.http import fetch_url, page_title

router = APIRouter(prefix="/campaigns", tags=["campaigns"])
templates = Jinja2Templates(directory=os.path.join(os.path.dirname(__file__), "templates"))
settings = get_settings()

MAX_ASSET_BYTES = 10 * 1024 * 1024


class CampaignIn(BaseModel):
    name: str
    budget_micros: int
    landing_url: HttpUrl


class BulkStatus(BaseModel):
    ids: list[str]
    status: Literal["active", "paused", "archived"]


class LandingCheck(BaseModel):
    url: str


class CreativeHtml(BaseModel):
    name: str
    html: str
    width: int = 300
    height: int = 250


class RuleTest(BaseModel):
    pattern: str
    sample_urls: list[str]


@router.get("")
async def search_campaigns(
    name: str | None = None,
    status: str | None = None,
    sort: str = "created_at DESC",
    user: dict = Depends(current_user),
    session: AsyncSession = Depends(get_session),
):
    return await CampaignRepository(session).search(user["adv"], name, status, sort)


@router.post("", status_code=201)
async def create_campaign(body: CampaignIn, user: dict = Depends(current_user), session: AsyncSession = Depends(get_session)):
    campaign_id = await CampaignRepository(session).create(user["adv"], body.name, body.budget_micros, str(body.landing_url))
    return {"id": campaign_id}


@router.get("/{campaign_id}")
async def get_campaign(campaign_id: int, user: dict = Depends(current_user), session: AsyncSession = Depends(get_session)):
    campaign = await CampaignRepository(session).get(user["adv"], campaign_id)
    if campaign is None:
        raise HTTPException(status_code=404)
    return campaign


@router.post("/status")
async def bulk_status(body: BulkStatus, user: dict = Depends(current_user), session: AsyncSession = Depends(get_session)):
    updated = await CampaignRepository(session).bulk_update_status(user["adv"], body.ids, body.status)
    return {"updated": updated}


@router.post("/landing-check")
def landing_check(body: LandingCheck, user: dict = Depends(current_user)):
    resp = fetch_url(body.url)
    return {
        "status": resp.status_code,
        "final_url": resp.url,
        "bytes": len(resp.content),
        "title": page_title(resp.text),
    }


@router.post("/conversion-rules/test")
def test_conversion_rule(body: RuleTest, user: dict = Depends(current_user)):
    matches = [u for u in body.sample_urls if re.search(body.pattern, u)]  #@vuln CWE-1333
    return {"matched": matches, "total": len(body.sample_urls)}


@router.post("/{campaign_id}/vast")
async def upload_vast(
    campaign_id: int,
    file: UploadFile = File(...),
    user: dict = Depends(current_user),
    pool: asyncpg.Pool = Depends(get_pool),
):
    raw = await file.read()
    parser = etree.XMLParser(resolve_entities=True, no_network=False, huge_tree=True)
    doc = etree.fromstring(raw, parser)  #@vuln CWE-611
    media = [m.text.strip() for m in doc.iter("MediaFile") if m.text]
    if not media:
        raise HTTPException(status_code=422, detail="VAST document has no MediaFile")
    await CreativeRepository(pool).add_media(campaign_id, media)
    return {"media": media}


@router.post("/{campaign_id}/product-feed")
async def upload_product_feed(campaign_id: int, file: UploadFile = File(...), user: dict = Depends(current_user)):
    root = ET.fromstring(await file.read())  #@safe
    items = []
    for item in root.iter("item"):
        items.append({child.tag: (child.text or "").strip() for child in item})
    return {"campaign_id": campaign_id, "items": len(items), "sample": items[:5]}


@router.post("/{campaign_id}/assets")
async def upload_asset(campaign_id: int, file: UploadFile = File(...), user: dict = Depends(current_user)):
    data = await file.read()
    if len(data) > MAX_ASSET_BYTES:
        raise HTTPException(status_code=413, detail="asset too large")
    base = os.path.join(settings.upload_dir, str(user["adv"]), str(campaign_id))
    path = write_upload(base, file.filename, data)
    return {"path": os.path.relpath(path, settings.upload_dir), "bytes": len(data)}


@router.post("/{campaign_id}/logo")
async def upload_logo(campaign_id: int, file: UploadFile = File(...), user: dict = Depends(current_user)):
    base = os.path.join(settings.upload_dir, str(user["adv"]), "logos")
    os.makedirs(base, exist_ok=True)
    target = safe_join(base, f"{campaign_id}-{clean_filename(file.filename)}")
    with open(target, "wb") as fh:  #@safe
        fh.write(await file.read())
    return {"logo": os.path.basename(target)}


@router.post("/{campaign_id}/creatives/preview")
async def preview_creative(campaign_id: int, body: CreativeHtml, request: Request, user: dict = Depends(current_user)):
    context = {"campaign_id": campaign_id, "name": body.name, "width": body.width, "height": body.height}
    return templates.TemplateResponse(request, "creative_preview.html", {**context, "snippet": Markup(body.html)})  #@vuln CWE-79


@router.put("/creatives/{creative_id}/tags")
async def set_creative_tags(
    creative_id: int,
    tags: list[str],
    user: dict = Depends(current_user),
    pool: asyncpg.Pool = Depends(get_pool),
):
    await CreativeRepository(pool).update_tags(creative_id, ",".join(t.strip() for t in tags))
    return {"creative_id": creative_id, "tags": tags}
