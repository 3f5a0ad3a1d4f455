import html

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.config import get_settings
from app.db import Order, User, get_session
from app.repositories import OrderRepository
from app.schemas import TemplatePreview
from app.security import get_tenant_id, require_admin
from app.services import merge_invoices, render_invoice_pdf

router = APIRouter(prefix="/reports", tags=["reports"])
settings = get_settings()
templates = Jinja2Templates(directory="app/templates")
preview_env = Environment(trim_blocks=True, lstrip_blocks=True)


async def _load_order(order_id: int, tenant_id: int, session: AsyncSession) -> Order:
    order = await OrderRepository(session).get(order_id, tenant_id)
    if order is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    return order


@router.get("/orders/{order_id}/receipt", response_class=HTMLResponse)
async def receipt(order_id: int, note: str = "", tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    order = await _load_order(order_id, tenant_id, session)
    rows = "".join(f"<tr><td>{html.escape(i.name)}</td><td>{i.qty}</td><td>{i.unit_cents / 100:.2f}</td></tr>" for i in order.items)
    return HTMLResponse(f"<html><body><h1>Receipt {html.escape(order.reference)}</h1><table>{rows}</table><p class='note'>{note}</p></body></html>")  #@vuln CWE-79


@router.get("/orders/{order_id}/invoice", response_class=HTMLResponse)
async def invoice(request: Request, order_id: int, tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    order = await _load_order(order_id, tenant_id, session)
    # customers may format their delivery note with <b>/<br>, keep it as-is
    return templates.TemplateResponse(request, "invoice.html", {"order": order, "note": Markup(order.customer_note or "")})  #@vuln CWE-79


@router.get("/orders/search", response_class=HTMLResponse)
async def search_page(q: str = Query(..., min_length=1), tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    rows = await OrderRepository(session).search(tenant_id, q)
    if not rows:
        return HTMLResponse(f"<p class='empty'>No orders match <b>{html.escape(q)}</b></p>")  #@safe
    items = "".join(f"<li><a href='/reports/orders/{r['id']}/invoice'>{r['reference']}</a></li>" for r in rows)
    return HTMLResponse(f"<h2>{len(rows)} results for {q}</h2><ul>{items}</ul>")  #@vuln CWE-79


@router.post("/templates/preview", response_class=HTMLResponse)
async def preview_template(body: TemplatePreview, admin: User = Depends(require_admin), session: AsyncSession = Depends(get_session)):
    order = await _load_order(body.order_id, admin.tenant_id, session)
    return HTMLResponse(preview_env.from_string(body.template).render(order=order, shop_name=settings.app_name))  #@vuln CWE-1336


@router.get("/orders/{order_id}/invoice.pdf")
async def invoice_pdf(order_id: int, title: str = "Invoice", tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    order = await _load_order(order_id, tenant_id, session)
    body = templates.get_template("invoice.html").render(order=order, note=order.customer_note or "")
    path = await run_in_threadpool(render_invoice_pdf, order.reference, body, title)
    return FileResponse(path, media_type="application/pdf", filename=f"{order.reference}.pdf")


@router.post("/invoices/bundle")
async def invoice_bundle(order_ids: list[int], name: str = Query("bundle"), tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    paths = []
    for order_id in order_ids[:50]:
        order = await _load_order(order_id, tenant_id, session)
        body = templates.get_template("invoice.html").render(order=order, note=order.customer_note or "")
        paths.append(await run_in_threadpool(render_invoice_pdf, order.reference, body, f"Invoice {order.reference}"))
    out = await run_in_threadpool(merge_invoices, paths, name)
    return FileResponse(out, media_type="application/pdf", filename=out.name)
