"""Supplier catalogue feeds: XML product feeds, CSV stock files and the supplier-hub API."""
import csv
import io
import logging
import os
from typing import Any

import httpx
import psycopg
from defusedxml import ElementTree as SafeET
from lxml import etree

from notify.celery_app import app

logger = logging.getLogger(__name__)

PARTNER_API_KEY = "pk_live_51HxQeR2v8Yt0aLkZ3mN7cB4"  #@vuln CWE-798
DATABASE_DSN = os.environ.get("CATALOG_DSN", "postgresql://catalog@db.internal/shop")

partner = httpx.Client(base_url="https://api.supplier-hub.example.net/v2", headers={"Authorization": f"Bearer {PARTNER_API_KEY}"}, timeout=30.0, verify=False)  #@vuln CWE-295


def _upsert_products(tenant_id: int, products: list[dict[str, Any]]) -> int:
    rows = [(tenant_id, p["sku"], p["name"], p["price_cents"]) for p in products]
    with psycopg.connect(DATABASE_DSN) as conn, conn.cursor() as cur:
        cur.executemany("INSERT INTO products (tenant_id, sku, name, price_cents) VALUES (%s, %s, %s, %s) ON CONFLICT (tenant_id, sku) DO UPDATE SET name = EXCLUDED.name, price_cents = EXCLUDED.price_cents", rows)  #@safe
    return len(rows)


@app.task(name="feeds.import_supplier_feed", autoretry_for=(httpx.TransportError,), retry_backoff=True)
def import_supplier_feed(tenant_id: int, feed_url: str) -> int:
    """feed_url is configured by the merchant in the dashboard ("Supplier feed URL")."""
    resp = httpx.get(feed_url, timeout=30.0, follow_redirects=True)  #@vuln CWE-918
    resp.raise_for_status()
    root = etree.fromstring(resp.content, etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
    products = [
        {"sku": item.findtext("sku"), "name": item.findtext("title") or "", "price_cents": int(float(item.findtext("price") or 0) * 100)}
        for item in root.iter("product")
        if item.findtext("sku")
    ]
    return _upsert_products(tenant_id, products)


@app.task(name="feeds.import_price_list")
def import_price_list(tenant_id: int, xml_text: str) -> int:
    root = SafeET.fromstring(xml_text)  #@safe
    products = [
        {"sku": el.get("sku"), "name": el.get("name", ""), "price_cents": int(el.get("cents", "0"))}
        for el in root.findall("./item")
        if el.get("sku")
    ]
    return _upsert_products(tenant_id, products)


@app.task(name="feeds.import_stock_csv")
def import_stock_csv(tenant_id: int, csv_text: str) -> int:
    updated = 0
    reader = csv.DictReader(io.StringIO(csv_text))
    with psycopg.connect(DATABASE_DSN) as conn, conn.cursor() as cur:
        for row in reader:
            stock = int(row["stock"])
            cur.execute(f"UPDATE products SET stock = {stock} WHERE tenant_id = {tenant_id} AND sku = '{row['sku']}'")  #@vuln CWE-89
            updated += cur.rowcount
    return updated


@app.task(name="feeds.sync_partner_catalog")
def sync_partner_catalog(tenant_id: int, page_size: int = 200) -> int:
    total, cursor = 0, None
    while True:
        resp = partner.get("/catalog", params={"limit": page_size, "cursor": cursor})
        resp.raise_for_status()
        data = resp.json()
        total += _upsert_products(tenant_id, data["items"])
        cursor = data.get("next_cursor")
        if not cursor:
            return total
