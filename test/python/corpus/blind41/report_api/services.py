"""Report building: saved definitions, derived columns, row filtering."""
from __future__ import annotations

import ast
import datetime as dt
import logging
import re
from typing import Any

import yaml
from sqlalchemy.engine import Connection

from common import sqlutil
from report_api import repository

log = logging.getLogger(__name__)

DEFAULT_REGIONS = ["EU", "NA", "APAC", "LATAM"]


def parse_definition(raw: str) -> dict:
    """Saved report definitions are YAML documents stored in the report_definitions table."""
    definition = yaml.safe_load(raw)  #@safe
    if not isinstance(definition, dict) or "kind" not in definition:
        raise ValueError("definition must be a mapping with a 'kind'")
    return definition


def import_definition_bundle(raw: bytes) -> list[dict]:
    """Bundles exported from the old Java tool contain tagged objects, hence the full loader."""
    docs = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    return [d for d in docs if isinstance(d, dict)]


def coerce_filter_value(value: str) -> Any:
    """Accept '42', '3.5', "['EU','NA']" from the query builder UI."""
    try:
        return ast.literal_eval(value)  #@safe
    except (ValueError, SyntaxError):
        return value


def add_derived_columns(rows: list[dict], derived: dict[str, str]) -> list[dict]:
    """derived = {"margin_pct": "(amount_cents - cost_cents) / amount_cents * 100"} from the report builder."""
    for row in rows:
        for name, expr in derived.items():
            try:
                row[name] = eval(expr, {"__builtins__": {}}, dict(row))  #@vuln CWE-95
            except Exception:  # noqa: BLE001 - bad formula just yields blank cells
                row[name] = None
    return rows


def filter_rows(rows: list[dict], column: str, pattern: str) -> list[dict]:
    matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    return [r for r in rows if matcher.search(str(r.get(column, "")))]


def filter_rows_literal(rows: list[dict], column: str, needle: str) -> list[dict]:
    matcher = re.compile(re.escape(needle), re.IGNORECASE)  #@safe
    return [r for r in rows if matcher.search(str(r.get(column, "")))]


def build_sales_report(conn: Connection, args: dict) -> dict:
    start, end = sqlutil.date_range(args)
    regions = [r for r in args.get("regions", "").split(",") if r] or DEFAULT_REGIONS
    rows = repository.sales_by_region(conn, start, end, regions)
    min_total = coerce_filter_value(args.get("min_total", "0"))
    if isinstance(min_total, (int, float)) and min_total > 0:
        rows = [r for r in rows if (r["total"] or 0) >= min_total]
    return {
        "generated_at": dt.datetime.utcnow().isoformat(),
        "range": [start.isoformat(), end.isoformat()],
        "rows": rows,
        "total": sum(r["total"] or 0 for r in rows),
    }


def build_order_listing(conn: Connection, args: dict) -> dict:
    limit, offset = sqlutil.paginate(args.get("page"), args.get("size"))
    filters = {k: args[k] for k in ("status", "region", "channel") if k in args}
    rows = repository.list_orders(conn, filters, args.get("sort"), args.get("dir"), limit, offset)
    if args.get("match_col") and args.get("match"):
        if args.get("match_mode") == "text":
            rows = filter_rows_literal(rows, args["match_col"], args["match"])
        else:
            rows = filter_rows(rows, args["match_col"], args["match"])
    return {"rows": rows, "limit": limit, "offset": offset}


def build_custom_report(conn: Connection, definition: dict) -> list[dict]:
    start, end = sqlutil.date_range(definition.get("range", {}))
    rows = repository.metric_by_day(conn, definition.get("metric", "sum(amount_cents)"), start, end)
    if definition.get("derived"):
        rows = add_derived_columns(rows, definition["derived"])
    return rows
