"""Motor (MongoDB) data layer for the product catalogue."""
from __future__ import annotations

import re
from typing import Any

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase

from common import settings

_client: AsyncIOMotorClient | None = None


def db() -> AsyncIOMotorDatabase:
    global _client
    if _client is None:
        _client = AsyncIOMotorClient(settings.MONGO_URI, serverSelectionTimeoutMS=3000)
    return _client[settings.MONGO_DB]


def _clean(doc: dict | None) -> dict | None:
    if doc is not None:
        doc["id"] = str(doc.pop("_id"))
    return doc


async def product_by_sku(sku: str) -> dict | None:
    return _clean(await db().products.find_one({"sku": str(sku), "archived": False}))  #@safe


async def products_in_category(category: str, limit: int = 50) -> list[dict]:
    cursor = db().products.find({"category": category, "archived": False}).limit(limit)
    return [_clean(d) async for d in cursor]


async def search_by_name(fragment: str) -> list[dict]:
    cursor = db().products.find({"$where": "this.name.toLowerCase().indexOf('" + fragment.lower() + "') !== -1"})  #@vuln CWE-943
    return [_clean(d) async for d in cursor]


async def search_by_name_v2(fragment: str) -> list[dict]:
    rx = re.compile(re.escape(fragment), re.IGNORECASE)  #@safe
    cursor = db().products.find({"name": {"$regex": rx}, "archived": False}).limit(100)
    return [_clean(d) async for d in cursor]


async def search_by_pattern(pattern: str) -> list[dict]:
    rx = re.compile(pattern)  #@vuln CWE-1333
    docs = [d async for d in db().products.find({"archived": False}, {"name": 1, "sku": 1})]
    return [_clean(d) for d in docs if rx.search(d.get("name", ""))]


async def query_products(filter_doc: dict[str, Any], sort_field: str = "name") -> list[dict]:
    cursor = db().products.find(filter_doc).sort(sort_field, 1).limit(200)  #@vuln CWE-943
    return [_clean(d) async for d in cursor]


async def supplier_login(email: str, password_hash: Any) -> dict | None:
    return await db().suppliers.find_one({"email": email, "password_hash": password_hash})  #@vuln CWE-943


async def insert_product(doc: dict) -> str:
    res = await db().products.insert_one(doc)
    return str(res.inserted_id)

