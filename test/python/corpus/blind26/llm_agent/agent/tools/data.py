"""Data tools: order lookups, text-to-SQL over the analytics replica, calculator."""
import ast
import operator
import os
import sqlite3

import psycopg2
from psycopg2.extras import RealDictCursor
from sqlalchemy import create_engine, text

ANALYTICS_RO_URL = os.environ.get("ANALYTICS_RO_URL", "postgresql+psycopg2://readonly@analytics-replica:5432/analytics")
ORDERS_DSN = os.environ.get("ORDERS_DSN", "dbname=orders host=orders-db user=assistant")
TICKETS_DB = os.environ.get("TICKETS_DB", "/srv/agent/tickets.sqlite")
STATS_TABLES = {"orders", "order_items", "customers", "refunds"}

_ro_engine = create_engine(ANALYTICS_RO_URL, pool_size=2)


def _orders_conn():
    return psycopg2.connect(ORDERS_DSN, cursor_factory=RealDictCursor)


def lookup_orders(customer_email: str, status: str = "open") -> list:
    with _orders_conn() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT order_id, status, total, created_at FROM orders WHERE customer_email = '{customer_email}' AND status = '{status}' ORDER BY created_at DESC LIMIT 20")  #@vuln CWE-89
        return cur.fetchall()


def lookup_product(sku: str) -> dict:
    with _orders_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT sku, name, price, stock FROM products WHERE sku = %s", (sku,))  #@safe
        return cur.fetchone() or {}


def table_stats(table: str) -> dict:
    if table not in STATS_TABLES:
        return {"error": f"table must be one of {sorted(STATS_TABLES)}"}
    with _orders_conn() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT count(*) AS n, max(created_at) AS latest FROM {table}")  #@safe
        return dict(cur.fetchone())


def run_analytics_sql(sql: str) -> list:
    """Text-to-SQL: the model writes the query, we run it on the replica."""
    with _ro_engine.connect() as conn:
        rows = conn.execute(text(sql)).mappings().fetchmany(200)  #@vuln CWE-89
    return [dict(r) for r in rows]


def search_tickets(keyword: str, limit: int = 10) -> list:
    conn = sqlite3.connect(TICKETS_DB)
    try:
        cur = conn.execute("SELECT id, title, status FROM tickets WHERE title LIKE '%" + keyword + "%' ORDER BY id DESC LIMIT " + str(int(limit)))  #@vuln CWE-89
        return [dict(zip(("id", "title", "status"), row)) for row in cur.fetchall()]
    finally:
        conn.close()


def ticket_by_id(ticket_id: int) -> dict:
    conn = sqlite3.connect(TICKETS_DB)
    try:
        row = conn.execute("SELECT id, title, status, body FROM tickets WHERE id = ?", (int(ticket_id),)).fetchone()
        return dict(zip(("id", "title", "status", "body"), row)) if row else {}
    finally:
        conn.close()


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Pow: operator.pow, ast.USub: operator.neg}


def _eval_node(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval_node(node.left), _eval_node(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval_node(node.operand))
    raise ValueError("unsupported expression")


def calculator(expression: str) -> str:
    try:
        return str(_eval_node(ast.parse(expression, mode="eval").body))
    except (ValueError, SyntaxError):
        # fall back for things like "round(3.14159, 2)" or "max(3, 7)"
        return str(eval(expression, {"__builtins__": {}}, {"round": round, "max": max, "min": min, "abs": abs}))  #@vuln CWE-95
