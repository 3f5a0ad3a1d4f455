from typing import Any

from motor.motor_asyncio import AsyncIOMotorClient
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.db import Coupon, Order, User

SORTABLE_COLUMNS = {
    "created_at": "o.created_at",
    "total": "o.total_cents",
    "status": "o.status",
    "reference": "o.reference",
}


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_id(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def get_by_email(self, email: str) -> User | None:
        result = await self.session.execute(select(User).where(User.email == email.lower()))
        return result.scalar_one_or_none()

    async def find_by_login(self, login: str) -> User | None:
        result = await self.session.execute(text("SELECT id FROM users WHERE lower(email) = lower(:login) OR username = :login LIMIT 1"), {"login": login.strip()})  #@safe
        user_id = result.scalar_one_or_none()
        return await self.get_by_id(user_id) if user_id else None

    async def search(self, tenant_id: int, term: str) -> list[dict[str, Any]]:
        sql = (
            "SELECT id, email, username, role FROM users "
            f"WHERE tenant_id = {tenant_id} AND (username ILIKE '%{term}%' OR email ILIKE '%{term}%') "
            "ORDER BY username LIMIT 50"
        )
        result = await self.session.execute(text(sql))  #@vuln CWE-89
        return [dict(row) for row in result.mappings()]

    async def update_profile(self, user_id: int, changes: dict[str, Any]) -> None:
        if not changes:
            return
        assignments = ", ".join(f"{column} = :p{i}" for i, column in enumerate(changes))
        params = {f"p{i}": value for i, value in enumerate(changes.values())}
        await self.session.execute(text(f"UPDATE users SET {assignments} WHERE id = :user_id"), {**params, "user_id": user_id})  #@vuln CWE-89
        await self.session.commit()

    async def store_reset_code(self, user_id: int, code: str) -> None:
        await self.session.execute(update(User).where(User.id == user_id).values(reset_code=code))
        await self.session.commit()


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, order_id: int, tenant_id: int) -> Order | None:
        result = await self.session.execute(select(Order).where(Order.id == order_id, Order.tenant_id == tenant_id))
        return result.scalar_one_or_none()

    async def list_for_tenant(self, tenant_id: int, status: str, sort: str, direction: str, limit: int, offset: int) -> list[dict[str, Any]]:
        column = SORTABLE_COLUMNS.get(sort, "o.created_at")
        direction = "DESC" if direction.lower() == "desc" else "ASC"
        sql = (
            "SELECT o.id, o.reference, o.status, o.total_cents, o.created_at FROM orders o "
            f"WHERE o.tenant_id = :tenant AND o.status = :status ORDER BY {column} {direction} LIMIT :limit OFFSET :offset"
        )
        result = await self.session.execute(text(sql), {"tenant": tenant_id, "status": status, "limit": limit, "offset": offset})  #@safe
        return [dict(row) for row in result.mappings()]

    async def search(self, tenant_id: int, q: str, customer_email: str | None = None) -> list[dict[str, Any]]:
        clauses = [f"o.tenant_id = {tenant_id}", f"o.reference LIKE '{q}%'"]
        if customer_email:
            clauses.append(f"c.email = '{customer_email}'")
        where = " AND ".join(clauses)
        result = await self.session.execute(text(f"SELECT o.id, o.reference, o.status, o.total_cents, o.created_at FROM orders o JOIN customers c ON c.id = o.customer_id WHERE {where} ORDER BY o.created_at DESC LIMIT 100"))  #@vuln CWE-89
        return [dict(row) for row in result.mappings()]

    async def totals_by(self, tenant_id: int, group_by: str, since: str) -> list[dict[str, Any]]:
        stmt = text(f"SELECT {group_by} AS bucket, COUNT(*) AS orders, SUM(total_cents) AS total FROM orders WHERE tenant_id = :tenant AND created_at >= :since GROUP BY {group_by} ORDER BY total DESC")
        result = await self.session.execute(stmt, {"tenant": tenant_id, "since": since})  #@vuln CWE-89
        return [dict(row) for row in result.mappings()]

    async def set_status(self, order_id: int, tenant_id: int, status: str) -> None:
        await self.session.execute(text("UPDATE orders SET status = :status WHERE id = :id AND tenant_id = :tenant"), {"status": status, "id": order_id, "tenant": tenant_id})  #@safe
        await self.session.commit()

    async def set_total(self, order_id: int, total_cents: int) -> None:
        await self.session.execute(update(Order).where(Order.id == order_id).values(total_cents=total_cents))
        await self.session.commit()

    async def find_coupon(self, tenant_id: int, code: str) -> dict[str, Any] | None:
        result = await self.session.execute(text("SELECT id, code, rule FROM coupons WHERE active AND tenant_id = " + str(tenant_id) + " AND code = '" + code.upper() + "'"))  #@vuln CWE-89
        row = result.mappings().first()
        return dict(row) if row else None

    async def add_coupon(self, tenant_id: int, code: str, rule: str) -> Coupon:
        coupon = Coupon(tenant_id=tenant_id, code=code.upper(), rule=rule)
        self.session.add(coupon)
        await self.session.commit()
        await self.session.refresh(coupon)
        return coupon


class AuditRepository:
    def __init__(self) -> None:
        client = AsyncIOMotorClient(get_settings().mongo_url)
        self.events = client["shopfront"]["audit_events"]

    async def search(self, tenant_id: int, order_id: int, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
        query = {"tenant_id": tenant_id, "order_id": order_id, **filters}
        cursor = self.events.find(query, {"_id": 0}).sort("ts", -1).limit(limit)  #@vuln CWE-943
        return await cursor.to_list(length=limit)

    async def by_actor(self, tenant_id: int, actor: str, limit: int = 100) -> list[dict[str, Any]]:
        cursor = self.events.find({"tenant_id": tenant_id, "actor": {"$eq": str(actor)}}, {"_id": 0}).sort("ts", -1).limit(limit)  #@safe
        return await cursor.to_list(length=limit)
