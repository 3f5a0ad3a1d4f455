"""HTTP routes for the orders API. Services are injected from the container."""
import os
from datetime import date
from typing import Any, Dict, Optional
from urllib.parse import urlparse

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Body, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import escape

from orders_api import cache
from orders_api.auth import current_claims, partner_claims, require_scope
from orders_api.containers import Container
from orders_api.services import (CartService, CustomerService, ExportService, NotificationService, OrderService,
                                 PaymentsService, PricingService)
from orders_api.settings import get_settings

router = APIRouter()

ORDERS = Depends(Provide[Container.order_service])
CUSTOMERS = Depends(Provide[Container.customer_service])
PRICING = Depends(Provide[Container.pricing_service])
CARTS = Depends(Provide[Container.cart_service])
EXPORTS = Depends(Provide[Container.export_service])
PAYMENTS = Depends(Provide[Container.payments_service])
NOTIFICATIONS = Depends(Provide[Container.notification_service])

templates = Environment(loader=FileSystemLoader(get_settings().template_dir), autoescape=select_autoescape(["html"]))


@router.get("/orders/search")
@inject
def search_orders(ref: str, note: Optional[str] = None, claims=Depends(require_scope("orders:read")), orders: OrderService = ORDERS):
    return orders.highlight(orders.search(ref, note_pattern=note), ref)


@router.get("/orders/search.html", response_class=HTMLResponse)
@inject
def search_orders_page(ref: str = "", claims=Depends(require_scope("orders:read")), orders: OrderService = ORDERS):
    rows = orders.search(ref) if ref else []
    if not rows:
        return HTMLResponse(f"<p class='empty'>No orders match <b>{ref}</b>.</p>")  #@vuln CWE-79
    body = "".join(
        f"<tr><td>{r['id']}</td><td>{escape(r['external_ref'])}</td><td>{escape(r['status'])}</td></tr>" for r in rows
    )
    return HTMLResponse(f"<h2>Results for {escape(ref)}</h2><table>{body}</table>")  #@safe


@router.patch("/orders/{order_id}/status")
@inject
def change_status(order_id: int, status: str = Body(...), note: str = Body(""), claims=Depends(require_scope("orders:write")), orders: OrderService = ORDERS):
    orders.change_status(order_id, status, note, actor=claims["sub"])
    return {"ok": True}


@router.post("/orders/{order_id}/invoice.pdf")
@inject
def invoice_pdf(order_id: int, page_size: str = "A4", claims=Depends(current_claims), orders: OrderService = ORDERS):
    order = orders.get(order_id)
    if not order or order["customer_id"] != claims["sub"]:
        raise HTTPException(404)
    html = templates.get_template("invoice.html").render(order=order)  #@safe
    return FileResponse(orders.invoice(order_id, html, page_size), media_type="application/pdf")


@router.post("/orders/{order_id}/notes/preview", response_class=HTMLResponse)
@inject
def preview_note(order_id: int, template: str = Body(..., embed=True), claims=Depends(require_scope("orders:write")), orders: OrderService = ORDERS):
    order = orders.get(order_id) or {}
    # support agents draft customer notes with {{ order.* }} placeholders
    return HTMLResponse(Template(template).render(order=order))  #@vuln CWE-1336


@router.get("/orders/{order_id}/download-token")
@inject
def download_token(order_id: int, claims=Depends(current_claims), orders: OrderService = ORDERS):
    order = orders.get(order_id)
    if not order or order["customer_id"] != claims["sub"]:
        raise HTTPException(404)
    return {"token": cache.issue_download_token(order_id)}


@router.get("/reports/revenue")
@inject
def revenue(since: date, group_by: str = "date_trunc('day', created_at)", claims=Depends(require_scope("reports:read")), orders: OrderService = ORDERS):
    return orders.revenue(group_by, since)


@router.get("/customers/lookup")
@inject
def lookup_customer(email: str, claims=Depends(require_scope("customers:read")), customers: CustomerService = CUSTOMERS):
    return customers.lookup(email) or {}


@router.patch("/customers/me")
@inject
def update_me(changes: Dict[str, Any] = Body(...), claims=Depends(current_claims), customers: CustomerService = CUSTOMERS):
    return {"updated": customers.update(claims["sub"], changes)}


@router.get("/products")
@inject
def browse_products(category: str, max_price: Optional[float] = None, order_by: str = "name", pricing: PricingService = PRICING):
    return pricing.catalogue(category, max_price, order_by)


@router.post("/promos/preview")
@inject
def preview_promo(rule: str = Body(...), subtotal: float = Body(...), item_count: int = Body(1), claims=Depends(require_scope("promos:write")), pricing: PricingService = PRICING):
    return {"total": pricing.preview_promo(rule, subtotal, item_count)}


@router.post("/carts/import")
@inject
def import_cart(blob: str = Body(..., embed=True), claims=Depends(current_claims), carts: CartService = CARTS):
    return carts.reprice(claims["sub"], carts.import_cart(blob))


@router.post("/exports")
@inject
def create_export(filename: str = Body(...), zip_password: Optional[str] = Body(None), claims=Depends(current_claims), exports: ExportService = EXPORTS):
    path = exports.export_orders_csv(claims["sub"], filename)
    if zip_password:
        path = exports.protect_export(path, zip_password)
    return {"download": f"/api/v1/exports/{os.path.basename(path)}"}


@router.get("/exports/{name}")
@inject
def download_export(name: str, claims=Depends(current_claims), exports: ExportService = EXPORTS):
    try:
        path = exports.resolve_export(name)
    except PermissionError:
        raise HTTPException(404)
    return FileResponse(path, filename=os.path.basename(path))  #@safe


@router.get("/checkout/return")
def checkout_return(next: str = "/orders", status: str = "ok"):
    return RedirectResponse(f"{next}?payment={status}", status_code=303)  #@vuln CWE-601


@router.get("/checkout/cancelled", response_class=HTMLResponse)
def checkout_cancelled(reason: str = "You cancelled the payment."):
    return HTMLResponse(f"<h3>Payment not completed</h3><p>{reason}</p><a href='/cart'>Back to cart</a>")  #@vuln CWE-79


@router.get("/login/continue")
def login_continue(to: str = "/"):
    parsed = urlparse(to)
    if parsed.scheme or parsed.netloc or not to.startswith("/") or to.startswith("//") or "\\" in to:
        to = "/"
    return RedirectResponse(to, status_code=303)  #@safe


@router.post("/payments/notify")
@inject
async def payment_notification(request: Request, payments: PaymentsService = PAYMENTS):
    notification = await request.json()
    if notification.get("type") == "payment.succeeded" and notification.get("receipt_url"):
        receipt = payments.fetch_receipt(notification)
        cache.client.setex(f"orders:receipt:{notification['payment_id']}", 86400, receipt.hex())
    return Response(status_code=204)


@router.post("/partner/webhooks/probe")
@inject
def probe_webhook(callback_url: str = Body(..., embed=True), partner=Depends(partner_claims), notifications: NotificationService = NOTIFICATIONS):
    return notifications.probe_callback(callback_url)


@router.get("/partner/orders")
@inject
def partner_orders(status: Optional[str] = None, partner=Depends(partner_claims), orders: OrderService = ORDERS):
    return orders.for_customer(partner["partner_id"], status)
