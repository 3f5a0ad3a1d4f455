"""Business logic shared by the Ninja API, DRF views, admin and Celery tasks."""
import ast
import io
import logging
import pickle
from decimal import Decimal

from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from pymongo import MongoClient
from django.conf import settings

from corelib import shell, storage
from . import repositories

log = logging.getLogger(__name__)

REPORT_FIELDS = {"category", "currency", "merchant_name", "status"}

_mongo = MongoClient(settings.MONGO_URL)
audit_db = _mongo["ledger_audit"]


def _build_report_query(account_id: int, filters: dict) -> tuple[str, list]:
    clauses, params = ["account_id = %s"], [account_id]
    for field, value in filters.items():
        clauses.append(f"{field} = %s")
        params.append(value)
    sql = "SELECT category, SUM(amount) FROM ledger_transaction WHERE " + " AND ".join(clauses) + " GROUP BY category"
    return sql, params


def run_report(account_id: int, filters: dict):
    sql, params = _build_report_query(account_id, filters)
    with connection.cursor() as cur:
        cur.execute(sql, params)  #@vuln CWE-89
        return cur.fetchall()


def run_report_checked(account_id: int, filters: dict):
    clean = {k: v for k, v in filters.items() if k in REPORT_FIELDS}
    sql, params = _build_report_query(account_id, clean)
    with connection.cursor() as cur:
        cur.execute(sql, params)  #@safe
        return cur.fetchall()


def computed_column(rows: list[dict], expression: str) -> list[dict]:
    """Custom columns, e.g. "amount * 0.19" for VAT, defined by the user in the report builder."""
    for row in rows:
        row["computed"] = eval(expression, {"Decimal": Decimal}, dict(row))  #@vuln CWE-95
    return rows


def parse_threshold(raw: str):
    return ast.literal_eval(raw)  #@safe


def render_statement_email(statement, custom_template: str | None) -> str:
    ctx = {"statement": statement, "account": statement.account}
    if custom_template:
        return Template(custom_template).render(Context(ctx))  #@vuln CWE-1336
    return render_to_string("ledger/email/statement.html", ctx)


def render_pdf(statement, header_url: str) -> str:
    html = render_to_string("ledger/pdf/statement.html", {"statement": statement})
    body_path = storage.spool_csv(html.encode())
    out_path = body_path.replace(".csv", ".pdf")
    shell.html_to_pdf(header_url, body_path, out_path)
    return out_path


def load_saved_report(blob: bytes) -> dict:
    """Report definitions exported from the desktop tool (.ldr files)."""
    definition = pickle.load(io.BytesIO(blob))  #@vuln CWE-502
    return {"filters": definition.get("filters", {}), "columns": definition.get("columns", [])}


def audit_events_for(actor: str, limit: int = 50):
    return list(audit_db.events.find({"$where": f"this.actor == '{actor}'"}).limit(limit))  #@vuln CWE-943


def audit_events_for_v2(actor: str, limit: int = 50):
    return list(audit_db.events.find({"actor": str(actor)}).sort("ts", -1).limit(limit))  #@safe


def memo_search(account_id: int, term: str, legacy: bool = False):
    if legacy:
        return repositories.search_memos(account_id, term)
    return repositories.search_memos_v2(account_id, term)
