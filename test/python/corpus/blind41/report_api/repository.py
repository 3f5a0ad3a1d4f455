"""Data access for sales/order reports (SQLAlchemy text() + Core, sqlite3 cache)."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any, Mapping, Sequence

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, literal_column, select, text
from sqlalchemy.engine import Connection

from common import sqlutil

metadata = MetaData()

orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", Integer),
    Column("status", String(20)),
    Column("sales_channel", String(20)),
    Column("amount_cents", Integer),
    Column("created_at", Date),
)

BASE_ORDER_SQL = """
SELECT o.id, o.status, o.amount_cents, o.created_at, c.name AS customer, c.region
FROM orders o JOIN customers c ON c.id = o.customer_id
"""


def _rows(result) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in result]


def sales_by_region(conn: Connection, start: dt.date, end: dt.date, regions: Sequence[str]) -> list[dict]:
    placeholders, params = sqlutil.bind_in_list("r", list(regions))
    sql = (
        "SELECT c.region, SUM(o.amount_cents) AS total, COUNT(*) AS n "
        "FROM orders o JOIN customers c ON c.id = o.customer_id "
        f"WHERE o.created_at BETWEEN :start AND :end AND c.region IN ({placeholders}) "
        "GROUP BY c.region"
    )
    params.update(start=start, end=end)
    return _rows(conn.execute(text(sql), params))  #@safe


def list_orders(conn: Connection, filters: Mapping[str, str], sort: str | None, direction: str | None,
                limit: int, offset: int) -> list[dict]:
    where, params = sqlutil.build_filters(filters)
    order_by = sqlutil.order_clause(sort, direction)
    sql = f"{BASE_ORDER_SQL} WHERE {where} {order_by} LIMIT :limit OFFSET :offset"
    params.update(limit=limit, offset=offset)
    return _rows(conn.execute(text(sql), params))  #@safe


def search_orders(conn: Connection, customer: str, start: dt.date, end: dt.date) -> list[dict]:
    sql = BASE_ORDER_SQL + f"WHERE c.name ILIKE '%{customer}%' AND o.created_at BETWEEN :start AND :end"
    return _rows(conn.execute(text(sql), {"start": start, "end": end}))  #@vuln CWE-89


def legacy_order_export(conn: Connection, status: str, sort: str, direction: str) -> list[dict]:
    order_by = sqlutil.raw_order_clause(sort, direction)
    return _rows(conn.execute(text(f"{BASE_ORDER_SQL} WHERE o.status = :status {order_by}"), {"status": status}))  #@vuln CWE-89


def orders_for_customers(conn: Connection, customer_ids: Sequence[str]) -> list[dict]:
    id_list = sqlutil.quoted_in_list(customer_ids)
    return _rows(conn.execute(text(f"{BASE_ORDER_SQL} WHERE o.customer_id IN ({id_list})")))  #@vuln CWE-89


def top_products(conn: Connection, limit: str) -> list[dict]:
    n = max(1, min(int(limit), 100))
    return _rows(conn.execute(text(f"SELECT product_id, SUM(qty) AS qty FROM order_lines GROUP BY product_id ORDER BY qty DESC LIMIT {n}")))  #@safe


# ---- SQLAlchemy Core ---------------------------------------------------------

def orders_core(conn: Connection, status: str, sort: str) -> list[dict]:
    stmt = select(orders).where(orders.c.status == status)
    if sort in orders.c:
        stmt = stmt.order_by(orders.c[sort].desc())  #@safe
    return _rows(conn.execute(stmt))


def orders_core_custom_sort(conn: Connection, status: str, sort_expr: str) -> list[dict]:
    stmt = select(orders).where(orders.c.status == status).order_by(text(sort_expr))  #@vuln CWE-89
    return _rows(conn.execute(stmt))


def metric_by_day(conn: Connection, metric: str, start: dt.date, end: dt.date) -> list[dict]:
    """metric is e.g. 'sum(amount_cents)' chosen in the pivot builder."""
    stmt = select(orders.c.created_at, literal_column(metric).label("value")).where(orders.c.created_at.between(start, end)).group_by(orders.c.created_at)  #@vuln CWE-89
    return _rows(conn.execute(stmt))


# ---- local sqlite cache of rendered reports ----------------------------------

class ReportCache:
    def __init__(self, path: str):
        self.conn = sqlite3.connect(path, check_same_thread=False)
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS report_cache (key TEXT PRIMARY KEY, owner TEXT, payload TEXT, created TEXT)"
        )

    def get(self, key: str, owner: str) -> dict | None:
        row = self.conn.execute("SELECT payload FROM report_cache WHERE key = ? AND owner = ?", (key, owner)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, owner: str, payload: dict) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO report_cache VALUES (?, ?, ?, datetime('now'))",
            (key, owner, json.dumps(payload, default=str)),
        )
        self.conn.commit()

    def invalidate_prefix(self, owner: str, prefix: str) -> int:
        cur = self.conn.execute(f"DELETE FROM report_cache WHERE owner = '{owner}' AND key LIKE '{prefix}%'")  #@vuln CWE-89
        self.conn.commit()
        return cur.rowcount
