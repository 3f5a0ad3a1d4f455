from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass
class ItemQuery:
    warehouse: str | None
    sort: str
    min_qty: int


class ItemRepository:
    columns = "id, sku, name, quantity, warehouse"

    def __init__(self, session: AsyncSession):
        self.session = session

    async def list_items(self, q: ItemQuery) -> list[dict]:
        where = f"quantity >= {int(q.min_qty)}"
        if q.warehouse:
            where += f" AND warehouse = '{q.warehouse}'"
        result = await self.session.execute(text(f"SELECT {self.columns} FROM items WHERE {where} ORDER BY {q.sort}"))  #@vuln CWE-89
        return [dict(r) for r in result.mappings().all()]

    async def search_name(self, term: str) -> list[dict]:
        stmt = text(f"SELECT {self.columns} FROM items WHERE name ILIKE :pattern ORDER BY name LIMIT 100")
        result = await self.session.execute(stmt, {"pattern": f"%{term}%"})  #@safe
        return [dict(r) for r in result.mappings().all()]

    async def get_by_sku(self, sku: str) -> dict | None:
        stmt = text(f"SELECT {self.columns} FROM items WHERE sku = :sku")
        result = await self.session.execute(stmt, {"sku": sku})  #@safe
        row = result.mappings().first()
        return dict(row) if row else None

    async def adjust(self, sku: str, delta: int, reason: str) -> None:
        await self.session.execute(
            text("UPDATE items SET quantity = quantity + :delta WHERE sku = :sku"),
            {"delta": delta, "sku": sku},
        )
        log_sql = f"INSERT INTO stock_log (sku, delta, reason) VALUES ('{sku}', {delta}, '{reason}')"
        await self.session.execute(text(log_sql))  #@vuln CWE-89
        await self.session.commit()
