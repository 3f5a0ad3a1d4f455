import html
from decimal import Decimal
from typing import Optional

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from app.models import BulkStatusUpdate, OrderCreate, PricingRule, ReportDefinition, ReportRequest, User, engine, get_session
from app.partners import ShipFastClient
from app.repositories import OrderRepository, ReportRepository
from app.security import generate_order_reference, get_current_user, require_admin
from app.services.pricing import PricingEngine, sku_matcher
from app.services.reports import highlight, render_report, save_report
from app import tasks

router = APIRouter(prefix="/orders", tags=["orders"])


def get_repo():
    with engine.begin() as conn:
        yield OrderRepository(conn)


@router.get("/")
def list_orders(status: Optional[str] = None, sort: str = "created_at", direction: str = "desc", user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    return repo.list_for_customer(user.id, status, sort, direction)


@router.post("/", status_code=201)
def create_order(body: OrderCreate, background: BackgroundTasks, user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    quote = ShipFastClient().get_rates(body.sku, body.shipping_country, body.quantity)
    values = body.model_dump()
    values.update(reference=generate_order_reference(), customer_id=user.id, unit_price=Decimal(str(quote["unit_price"])))
    values["callback_url"] = str(body.callback_url) if body.callback_url else None
    order_id = repo.insert(values)
    if values["callback_url"]:
        background.add_task(tasks.notify_order_status, values["callback_url"], order_id, "pending")
    return {"id": order_id, "reference": values["reference"]}


@router.get("/search", response_class=HTMLResponse)
def search_orders(q: str = Query(..., min_length=1, max_length=100), user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    rows = repo.search(user.id, q)
    items = "".join(f"<li>#{r['id']} <code>{html.escape(r['sku'])}</code> {highlight(r['notes'], q)}</li>" for r in rows)
    return HTMLResponse(f"<h2>{len(rows)} results for “{q}”</h2><ul>{items}</ul>")  #@vuln CWE-79


@router.get("/{order_id}/label", response_class=HTMLResponse)
def shipping_label(order_id: int, user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    order = repo.get(order_id, user.id)
    if order is None:
        raise HTTPException(404, "order not found")
    return HTMLResponse(f"<div class='label'><b>{html.escape(order['reference'])}</b><p>{html.escape(order['notes'])}</p><p>{html.escape(order['shipping_country'])}</p></div>")  #@safe


@router.delete("/drafts/{sku}")
def delete_drafts(sku: str, user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    return {"deleted": repo.delete_drafts(user.id, sku)}


@router.post("/bulk-status")
def bulk_status(body: BulkStatusUpdate, admin: User = Depends(require_admin), repo: OrderRepository = Depends(get_repo)):
    return {"updated": repo.bulk_set_status(body.order_ids, body.status)}


@router.get("/analytics/revenue")
def revenue(group_by: str = "shipping_country", since: str = "2024-01-01", admin: User = Depends(require_admin), repo: OrderRepository = Depends(get_repo)):
    return repo.revenue_by(group_by, since)


@router.post("/admin/dump")
def dump_table(background: BackgroundTasks, table: str = "orders", admin: User = Depends(require_admin)):
    background.add_task(tasks.dump_table, table, admin.email)
    return {"queued": True}


@router.post("/pricing/preview")
def pricing_preview(order_id: int, rules: list[PricingRule], user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    order = repo.get(order_id, user.id)
    if order is None:
        raise HTTPException(404, "order not found")
    engine_ = PricingEngine([r.model_dump() for r in rules])
    return {"order_id": order_id, "price": str(engine_.apply(order))}


@router.get("/by-pattern")
def orders_by_pattern(pattern: str, user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    matcher = sku_matcher(pattern)
    return [o for o in repo.list_for_customer(user.id, None) if matcher is None or matcher.search(o["sku"])]


@router.post("/reports", response_class=HTMLResponse)
def build_report(body: ReportRequest, user: User = Depends(get_current_user), repo: OrderRepository = Depends(get_repo)):
    rows = repo.list_for_customer(user.id, body.status)
    content = render_report(body.title, rows, template_source=body.template, builtin=body.builtin)
    save_report(body.title, content)
    return HTMLResponse(content)


@router.get("/reports/{definition_id}/run")
def run_saved_report(definition_id: int, user: User = Depends(get_current_user), session: Session = Depends(get_session)):
    definition = session.get(ReportDefinition, definition_id)
    if definition is None or definition.owner_id != user.id:
        raise HTTPException(404, "report not found")
    with engine.connect() as conn:
        return ReportRepository(conn).run_definition(definition.table_name, definition.filters_json, user.id)
