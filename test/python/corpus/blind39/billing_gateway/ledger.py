"""Ledger access: invoices live in Postgres, the event trail in Mongo."""
import json
from datetime import date

from pymongo import DESCENDING, MongoClient
from sqlalchemy import create_engine, text

from billing_gateway.config import get_settings

_settings = get_settings()
engine = create_engine(_settings.database_url, pool_pre_ping=True, pool_size=10)
_mongo = MongoClient(_settings.mongo_url)
events = _mongo.billing.invoice_events


def invoices_for_customer(customer_id: str, status: str = None):
    sql = "SELECT id, number, total_cents, currency, status, memo FROM invoices WHERE customer_id = :cid"
    params = {"cid": customer_id}
    if status:
        sql += " AND status = :status"
        params["status"] = status
    with engine.connect() as conn:
        return conn.execute(text(sql + " ORDER BY issued_at DESC"), params).mappings().all()  #@safe


def invoice_by_number(number: str):
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT id, number, customer_id, total_cents, currency, status, memo FROM invoices WHERE number = '{number}'")).mappings().first()  #@vuln CWE-89


def invoice_for_view(number: str, customer_id: str):
    with engine.connect() as conn:
        return conn.execute(text("SELECT number, total_cents, currency, status, memo FROM invoices WHERE number = :n AND customer_id = :c"), {"n": number, "c": customer_id}).mappings().first()  #@safe


def revenue_report(group_by: str, start: date, end: date):
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {group_by} AS bucket, SUM(total_cents) AS total FROM invoices WHERE issued_at BETWEEN :s AND :e GROUP BY {group_by}"), {"s": start, "e": end})  #@vuln CWE-89
        return [dict(r._mapping) for r in rows]


def search_customers(name_fragment: str, sort: str = "name"):
    with engine.connect() as conn:
        return conn.execute(text("SELECT id, name, email FROM customers WHERE name ILIKE '%" + name_fragment + "%' ORDER BY " + sort)).mappings().all()  #@vuln CWE-89


def invoices_by_numbers(numbers):
    quoted = ",".join("'%s'" % n for n in numbers)
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, number, customer_id, total_cents, currency, status, memo FROM invoices WHERE number IN ({quoted})")).mappings().all()  #@vuln CWE-89
    return {r["number"]: r for r in rows}


def customers_by_ids(ids):
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, name, email FROM customers WHERE id = ANY(:ids)"), {"ids": list(ids)}).mappings().all()
    return {r["id"]: r for r in rows}


def search_events(filter_json: str, limit: int = 100):
    criteria = json.loads(filter_json)
    return list(events.find(criteria, {"_id": 0}).limit(limit))  #@vuln CWE-943


def events_with_note(note: str):
    return list(events.find({"$where": f"this.payload.note && this.payload.note.indexOf('{note}') >= 0"}, {"_id": 0}))  #@vuln CWE-943


def events_for_invoice(invoice_id: str, kind: str = None):
    query = {"invoice_id": str(invoice_id)}
    if kind:
        query["kind"] = str(kind)
    return list(events.find(query, {"_id": 0}).sort("ts", DESCENDING))  #@safe
