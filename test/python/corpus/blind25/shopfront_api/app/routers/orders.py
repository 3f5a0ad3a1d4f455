import re
from datetime import date

from fastapi import APIRouter, Depends, Form, HTTPException, Query, status
from fastapi.responses import RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.db import User, get_session
from app.repositories import AuditRepository, OrderRepository
from app.schemas import AuditQuery, CouponApply, CouponCreate, OrderFilter, OrderOut, WebhookTest
from app.security import get_tenant_id, require_admin
from app.services import apply_discount_rule, deliver_webhook

router = APIRouter(prefix="/orders", tags=["orders"])
settings = get_settings()


@router.get("", response_model=list[OrderOut])
async def list_orders(
    status_: str = Query("paid", alias="status"),
    sort: str = "created_at",
    direction: str = "desc",
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
    tenant_id: int = Depends(get_tenant_id),
    session: AsyncSession = Depends(get_session),
):
    return await OrderRepository(session).list_for_tenant(tenant_id, status_, sort, direction, limit, offset)


@router.get("/search")
async def search_orders(q: str = Query(..., min_length=1), email: str | None = None, tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    return await OrderRepository(session).search(tenant_id, q, email)


@router.get("/stats")
async def order_stats(group_by: str = "status", since: date = date(2024, 1, 1), tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    return await OrderRepository(session).totals_by(tenant_id, group_by, since.isoformat())


@router.post("/filter")
async def filter_orders(body: OrderFilter, tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    rows = await OrderRepository(session).list_for_tenant(tenant_id, body.status, "created_at", "desc", 200, 0)
    pattern = re.compile(body.reference_pattern)  #@vuln CWE-1333
    return [row for row in rows if pattern.search(row["reference"])]


@router.get("/by-prefix")
async def orders_by_prefix(prefix: str = Query(..., max_length=12), tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    rows = await OrderRepository(session).list_for_tenant(tenant_id, "paid", "reference", "asc", 200, 0)
    pattern = re.compile(re.escape(prefix.upper()) + r"-\d{6}$")  #@safe
    return [row for row in rows if pattern.match(row["reference"])]


@router.post("/coupons", status_code=status.HTTP_201_CREATED)
async def create_coupon(body: CouponCreate, admin: User = Depends(require_admin), session: AsyncSession = Depends(get_session)):
    coupon = await OrderRepository(session).add_coupon(admin.tenant_id, body.code, body.rule)
    return {"id": coupon.id, "code": coupon.code}


@router.post("/{order_id}/coupon")
async def apply_coupon(order_id: int, body: CouponApply, tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    repo = OrderRepository(session)
    order = await repo.get(order_id, tenant_id)
    if order is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    coupon = await repo.find_coupon(tenant_id, body.code)
    if coupon is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "unknown coupon")
    qty = sum(item.qty for item in order.items)
    new_total = apply_discount_rule(coupon["rule"], order.total_cents, qty)
    await repo.set_total(order.id, new_total)
    return {"order_id": order.id, "total_cents": new_total}


@router.post("/{order_id}/complete")
async def checkout_complete(order_id: int, return_url: str = Form(...), tenant_id: int = Depends(get_tenant_id), session: AsyncSession = Depends(get_session)):
    await OrderRepository(session).set_status(order_id, tenant_id, "paid")
    return RedirectResponse(return_url, status_code=status.HTTP_303_SEE_OTHER)  #@vuln CWE-601


@router.post("/webhooks/test")
async def test_webhook(body: WebhookTest, admin: User = Depends(require_admin)):
    code = await deliver_webhook(str(body.url), {"event": body.event, "tenant_id": admin.tenant_id, "test": True}, settings.jwt_secret)
    return {"delivered": 200 <= code < 300, "status_code": code}


@router.post("/{order_id}/audit")
async def order_audit(order_id: int, body: AuditQuery, tenant_id: int = Depends(get_tenant_id)):
    return await AuditRepository().search(tenant_id, order_id, body.filters, body.limit)


@router.get("/audit/by-actor/{actor}")
async def audit_by_actor(actor: str, tenant_id: int = Depends(get_tenant_id)):
    return await AuditRepository().by_actor(tenant_id, actor)
