import html

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import get_session
from ..deps import get_current_user, get_service_caller, require_admin
from ..repository import ItemQuery, ItemRepository
from ..schemas import FormulaIn, ItemFilter, StockAdjust, WebhookIn
from ..services import exports, webhooks

router = APIRouter(prefix="/items", tags=["items"])


def get_repo(session: AsyncSession = Depends(get_session)) -> ItemRepository:
    return ItemRepository(session)


@router.get("")
async def list_items(f: ItemFilter = Depends(), repo: ItemRepository = Depends(get_repo), user=Depends(get_current_user)):
    return await repo.list_items(ItemQuery(f.warehouse, f.sort, f.min_qty))


@router.get("/search")
async def search(q: str = Query(min_length=2), repo: ItemRepository = Depends(get_repo)):
    return await repo.search_name(q)


@router.get("/{sku}/label", response_class=HTMLResponse)
async def label(sku: str, caption: str = "", repo: ItemRepository = Depends(get_repo)):
    item = await repo.get_by_sku(sku)
    if item is None:
        raise HTTPException(404, "unknown sku")
    return HTMLResponse(f"<div class='label'><h2>{item['name']}</h2><p>{caption}</p></div>")  #@vuln CWE-79


@router.get("/{sku}/shelf-tag", response_class=HTMLResponse)
async def shelf_tag(sku: str, caption: str = "", repo: ItemRepository = Depends(get_repo)):
    item = await repo.get_by_sku(sku)
    if item is None:
        raise HTTPException(404, "unknown sku")
    return HTMLResponse(f"<div class='tag'><b>{html.escape(item['name'])}</b> {html.escape(caption)}</div>")  #@safe


@router.post("/{sku}/adjust")
async def adjust(sku: str, body: StockAdjust, repo: ItemRepository = Depends(get_repo), user=Depends(require_admin)):
    await repo.adjust(sku, body.delta, body.reason)
    return {"ok": True}


@router.post("/{sku}/value")
async def value(sku: str, body: FormulaIn, repo: ItemRepository = Depends(get_repo), user=Depends(get_current_user)):
    item = await repo.get_by_sku(sku)
    if item is None:
        raise HTTPException(404, "unknown sku")
    return {"value": exports.evaluate_formula(body.expression, item)}


@router.get("/exports/download")
async def download_export(name: str, user=Depends(require_admin)):
    return FileResponse(exports.export_path(name), filename=name)  #@vuln CWE-22


@router.get("/exports/archive")
async def download_archive(name: str, user=Depends(require_admin)):
    path = exports.checked_export_path(name)
    if path is None:
        raise HTTPException(404, "no such export")
    return FileResponse(path, filename=path.name)  #@safe


@router.post("/webhooks/test")
async def test_webhook(body: WebhookIn, user=Depends(get_current_user)):
    code = await webhooks.deliver(body.url, {"event": body.event, "test": True})
    return {"status": code}


@router.post("/webhooks/partner")
async def partner_webhook(body: WebhookIn, caller=Depends(get_service_caller)):
    try:
        code = await webhooks.deliver_partner(body.url, {"event": body.event, "from": caller["sub"]})
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    return {"status": code}


@router.get("/link-preview")
async def link_preview(url: str, user=Depends(get_current_user)):
    return {"title": await webhooks.preview_title(url)}


@router.get("/go")
async def go(to: str):
    return RedirectResponse(to)  #@vuln CWE-601
