"""Helpers for building dynamic SQL fragments shared by the report services.

Everything in here returns strings/param dicts; the repositories decide how to
execute them.  Keep the allow-lists in sync with the UI column pickers.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping, Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

DATE_FMT = "%Y-%m-%d"

# UI column key -> qualified column
ALLOWED_SORT_COLUMNS = {
    "created_at": "o.created_at",
    "amount": "o.amount_cents",
    "region": "c.region",
    "customer": "c.name",
    "status": "o.status",
}

FILTERABLE_COLUMNS = {
    "status": "o.status",
    "region": "c.region",
    "channel": "o.sales_channel",
}


def parse_date(value: str | None, default: dt.date) -> dt.date:
    if not value:
        return default
    return dt.datetime.strptime(value, DATE_FMT).date()


def date_range(args: Mapping[str, str], days: int = 30) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    start = parse_date(args.get("from"), today - dt.timedelta(days=days))
    end = parse_date(args.get("to"), today)
    if end < start:
        start, end = end, start
    return start, end


def normalise_direction(direction: str | None) -> str:
    return "DESC" if (direction or "").strip().lower() == "desc" else "ASC"


def order_clause(sort: str | None, direction: str | None) -> str:
    """ORDER BY for allow-listed columns only."""
    column = ALLOWED_SORT_COLUMNS.get(sort or "", "o.created_at")
    return f"ORDER BY {column} {normalise_direction(direction)}"


def raw_order_clause(sort: str, direction: str = "ASC") -> str:
    # legacy dashboards send fully qualified column names, e.g. "o.amount_cents"
    return f"ORDER BY {sort} {direction}"


def quoted_in_list(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def bind_in_list(prefix: str, values: Sequence) -> tuple[str, dict]:
    names = [f"{prefix}_{i}" for i in range(len(values))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, values))


def build_filters(filters: Mapping[str, str]) -> tuple[str, dict]:
    """Turn ?status=paid&region=EU into a WHERE fragment with bound params."""
    clauses, params = [], {}
    for key, value in filters.items():
        column = FILTERABLE_COLUMNS.get(key)
        if column is None or value in (None, ""):
            continue
        clauses.append(f"{column} = :f_{key}")
        params[f"f_{key}"] = value
    return (" AND ".join(clauses) or "1=1"), params


def count_rows(conn: Connection, table_name: str) -> int:
    return conn.execute(text(f"SELECT COUNT(*) FROM {table_name}")).scalar_one()  #@vuln CWE-89


def paginate(page: str | int | None, size: str | int | None, max_size: int = 500) -> tuple[int, int]:
    try:
        page_i = max(int(page or 1), 1)
        size_i = min(max(int(size or 50), 1), max_size)
    except (TypeError, ValueError):
        page_i, size_i = 1, 50
    return size_i, (page_i - 1) * size_i
