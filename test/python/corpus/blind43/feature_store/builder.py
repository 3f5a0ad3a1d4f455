"""Feature retrieval: builds SQL over the columns a caller asks for.

Feature tables are wide (300+ columns), so clients pick the columns they want.
"""
import logging
import re
from datetime import date

import pandas as pd
from psycopg2 import sql

from common.db import dict_cursor, get_conn, get_engine, quote_ident, split_table

log = logging.getLogger(__name__)

FEATURE_TABLES = {
    "user_daily": "features.user_daily",
    "item_stats": "features.item_stats",
    "session_agg": "features.session_agg",
}
AGGREGATES = {"sum", "avg", "min", "max", "count"}


class UnknownFeatureTable(KeyError):
    pass


def resolve_table(key: str) -> str:
    try:
        return FEATURE_TABLES[key]
    except KeyError:
        raise UnknownFeatureTable(key) from None


def table_columns(table: str) -> set[str]:
    schema, name = split_table(table)
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s", (schema, name))
        return {r[0] for r in cur.fetchall()}


def fetch_features(table_key: str, columns: list[str], entity_ids: list[int], as_of: date) -> pd.DataFrame:
    table = resolve_table(table_key)
    col_list = ", ".join(columns) if columns else "*"
    query = f"SELECT entity_id, event_date, {col_list} FROM {table} WHERE entity_id = ANY(%(ids)s) AND event_date <= %(as_of)s"
    return pd.read_sql(query, get_engine(), params={"ids": list(entity_ids), "as_of": as_of})  #@vuln CWE-89


def fetch_features_strict(table_key: str, columns: list[str], entity_ids: list[int]) -> list[dict]:
    table = resolve_table(table_key)
    unknown = set(columns) - table_columns(table)
    if unknown:
        raise ValueError(f"unknown columns: {sorted(unknown)}")
    schema, name = split_table(table)
    query = sql.SQL("SELECT entity_id, {cols} FROM {tbl} WHERE entity_id = ANY(%s)").format(
        cols=sql.SQL(", ").join(sql.Identifier(c) for c in columns),
        tbl=sql.Identifier(schema, name),
    )
    with get_conn() as conn, dict_cursor(conn) as cur:
        cur.execute(query, (list(entity_ids),))  #@safe
        return cur.fetchall()


def aggregate(table_key: str, group_by: str, metric: str, agg: str = "sum") -> list[dict]:
    table = resolve_table(table_key)
    if agg not in AGGREGATES:
        raise ValueError(f"unsupported aggregate {agg!r}")
    with get_conn() as conn, dict_cursor(conn) as cur:
        cur.execute(f"SELECT {group_by} AS bucket, {agg}({quote_ident(metric)}) AS value FROM {table} GROUP BY {group_by} ORDER BY 2 DESC LIMIT 500")  #@vuln CWE-89
        return cur.fetchall()


def latest_for_entity(table_key: str, entity_column: str, entity_value: str) -> dict | None:
    table = resolve_table(table_key)
    with get_conn() as conn, dict_cursor(conn) as cur:
        cur.execute(f"SELECT * FROM {table} WHERE {quote_ident(entity_column)} = %s ORDER BY event_date DESC LIMIT 1", (entity_value,))  #@safe
        return cur.fetchone()


def apply_filter(df: pd.DataFrame, expression: str) -> pd.DataFrame:
    """Row filter typed by the user, e.g. "country == 'DE' and sessions_7d > 3"."""
    return df.query(expression, engine="python")  #@vuln CWE-95|CWE-94


def add_derived(df: pd.DataFrame, name: str, formula: str) -> pd.DataFrame:
    if not name.isidentifier():
        raise ValueError("derived feature names must be identifiers")
    return df.eval(f"{name} = {formula}")  #@vuln CWE-95|CWE-94


def match_column(df: pd.DataFrame, column: str, pattern: str) -> pd.DataFrame:
    rx = re.compile(pattern)  #@vuln CWE-1333
    return df[df[column].astype(str).map(lambda v: bool(rx.search(v)))]


def prefix_column(df: pd.DataFrame, column: str, prefix: str) -> pd.DataFrame:
    rx = re.compile("^" + re.escape(prefix))  #@safe
    return df[df[column].astype(str).map(lambda v: bool(rx.match(v)))]
