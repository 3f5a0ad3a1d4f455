from typing import Optional

import asyncpg

from .settings import settings

_pool: Optional[asyncpg.Pool] = None

SORTABLE_COLUMNS = {"name", "sku", "qty", "updated_at"}


async def get_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(settings.database_dsn, min_size=1, max_size=10)
    return _pool


class ItemRepository:
    def __init__(self, pool: asyncpg.Pool):
        self.pool = pool

    async def search(self, term: str, sort: str = "name"):
        query = f"SELECT id, name, sku, qty FROM items WHERE name ILIKE '%{term}%' ORDER BY {sort}"
        async with self.pool.acquire() as conn:
            return await conn.fetch(query)  #@vuln CWE-89

    async def page(self, sort: str, offset: int):
        column = sort if sort in SORTABLE_COLUMNS else "name"
        async with self.pool.acquire() as conn:
            return await conn.fetch(f"SELECT id, name, sku, qty FROM items ORDER BY {column} LIMIT 50 OFFSET $1", offset)  #@safe

    async def adjust_stock(self, sku: str, delta: int, reason: str) -> None:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                await conn.execute(  #@vuln CWE-89
                    "UPDATE items SET qty = qty + %d, updated_at = now() WHERE sku = '%s'" % (delta, sku)
                )
                await conn.execute(
                    "INSERT INTO stock_log (sku, delta, reason) VALUES ($1, $2, $3)", sku, delta, reason
                )

    async def bulk_upsert(self, rows: list[dict]) -> int:
        records = [(r["sku"], r["name"], int(r.get("qty", 0))) for r in rows]
        async with self.pool.acquire() as conn:
            await conn.executemany(
                "INSERT INTO items (sku, name, qty) VALUES ($1, $2, $3) "
                "ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, qty = EXCLUDED.qty",
                records,
            )
        return len(records)
