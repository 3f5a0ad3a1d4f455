"""psycopg2 / pandas access to the analytics warehouse."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from typing import Iterator

import pandas as pd
import psycopg2
import psycopg2.extras
from psycopg2 import sql

METRIC_TABLES = {"daily": "metrics_daily", "weekly": "metrics_weekly", "monthly": "metrics_monthly"}
METRIC_COLUMNS = {"day", "tenant", "revenue", "orders", "refunds", "active_users"}


@contextlib.contextmanager
def connect() -> Iterator[psycopg2.extensions.connection]:
    conn = psycopg2.connect(
        host=os.environ.get("WAREHOUSE_HOST", "warehouse.internal"),
        dbname="analytics",
        user="analytics_ro",
        password=os.environ["WAREHOUSE_PASSWORD"],
        connect_timeout=5,
    )
    try:
        yield conn
    finally:
        conn.close()


def metrics(granularity: str, start: dt.date, end: dt.date, sort: str, direction: str) -> list[dict]:
    table = METRIC_TABLES.get(granularity)
    if table is None or sort not in METRIC_COLUMNS:
        raise ValueError("unknown granularity or sort column")
    direction_sql = sql.SQL("DESC") if direction.lower() == "desc" else sql.SQL("ASC")
    query = sql.SQL("SELECT * FROM {} WHERE day BETWEEN %s AND %s ORDER BY {} {}").format(
        sql.Identifier(table), sql.Identifier(sort), direction_sql
    )
    with connect() as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        cur.execute(query, (start, end))  #@safe
        return cur.fetchall()


def grouped_metric(expression: str, group_by: str, start: dt.date) -> list[dict]:
    """expression comes from the dashboard's formula box, e.g. 'sum(revenue) - sum(refunds)'."""
    if group_by not in METRIC_COLUMNS:
        raise ValueError("bad group column")
    query = sql.SQL("SELECT {grp}, {expr} AS value FROM metrics_daily WHERE day >= %s GROUP BY {grp}").format(
        grp=sql.Identifier(group_by), expr=sql.SQL(expression)
    )
    with connect() as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        cur.execute(query, (start,))  #@vuln CWE-89
        return cur.fetchall()


def tenant_summary(tenant: str) -> dict | None:
    with connect() as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        cur.execute("SELECT tenant, SUM(revenue) AS revenue, SUM(orders) AS orders FROM metrics_daily WHERE tenant = '%s' GROUP BY tenant" % tenant)  #@vuln CWE-89
        return cur.fetchone()


def events_frame(event_type: str, since: str) -> pd.DataFrame:
    with connect() as conn:
        return pd.read_sql(f"SELECT * FROM events WHERE event_type = '{event_type}' AND ts >= '{since}'", conn)  #@vuln CWE-89


def events_frame_params(event_type: str, since: dt.date) -> pd.DataFrame:
    with connect() as conn:
        return pd.read_sql("SELECT * FROM events WHERE event_type = %(etype)s AND ts >= %(since)s", conn, params={"etype": event_type, "since": since})  #@safe


def export_tenant_csv(view: str, tenant: str) -> bytes:
    """CSV export of one of the reporting views, filtered to the caller's tenant."""
    if view not in {"v_revenue", "v_orders", "v_refunds"}:
        raise ValueError("unknown view")
    buf = io.StringIO()
    with connect() as conn, conn.cursor() as cur:
        cur.copy_expert(f"COPY (SELECT * FROM {view} WHERE tenant = '{tenant}') TO STDOUT WITH CSV HEADER", buf)  #@vuln CWE-89
    return buf.getvalue().encode("utf-8")
