"""Operational reports, run as raw SQL against the read replica."""
import csv
import logging
import os
import uuid
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from psycopg2 import sql as pgsql

from common import config
from common.security import resolve_under

log = logging.getLogger(__name__)

REPORTABLE_TABLES = {"bookings", "shipments", "scans", "manifests", "invoices"}


@contextmanager
def _cursor():
    conn = psycopg2.connect(config.REPORTS_DSN, connect_timeout=5)
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            yield cur
        conn.commit()
    finally:
        conn.close()


def depot_throughput(depot: str, start, end) -> list[dict]:
    with _cursor() as cur:
        cur.execute("SELECT date_trunc('day', scanned_at) AS day, count(*) AS parcels FROM scans WHERE depot_code = %s AND scanned_at BETWEEN %s AND %s GROUP BY 1 ORDER BY 1", (depot, start, end))  #@safe
        return cur.fetchall()


def carrier_performance(carrier_codes: list[str], month: str) -> list[dict]:
    codes = ",".join(f"'{c}'" for c in carrier_codes)
    query = f"""
        SELECT carrier_code,
               count(*) AS delivered,
               avg(extract(epoch FROM delivered_at - promised_at) / 3600) AS avg_delay_h,
               sum(CASE WHEN delivered_at <= promised_at THEN 1 ELSE 0 END)::float / count(*) AS on_time
          FROM shipments
         WHERE carrier_code IN ({codes})
           AND to_char(delivered_at, 'YYYY-MM') = '{month}'
         GROUP BY carrier_code
         ORDER BY on_time DESC"""
    with _cursor() as cur:
        cur.execute(query)  #@vuln CWE-89
        return cur.fetchall()


def late_shipments(region: str, min_delay_hours: int) -> list[dict]:
    with _cursor() as cur:
        cur.execute("SELECT reference, carrier_code, delay_hours FROM v_late_shipments WHERE region = '%s' AND delay_hours > %s ORDER BY delay_hours DESC" % (region, min_delay_hours))  #@vuln CWE-89
        return cur.fetchall()


def shipment_counts(group_by: str) -> list[dict]:
    # group_by is one of the column names offered in the dashboard
    with _cursor() as cur:
        cur.execute("SELECT " + group_by + " AS bucket, count(*) AS n FROM shipments GROUP BY " + group_by + " ORDER BY n DESC")  #@vuln CWE-89
        return cur.fetchall()


def table_row_count(table: str) -> int:
    if table not in REPORTABLE_TABLES:
        raise ValueError(f"unknown table {table}")
    with _cursor() as cur:
        cur.execute(pgsql.SQL("SELECT count(*) AS n FROM {}").format(pgsql.Identifier(table)))  #@safe
        return cur.fetchone()["n"]


def export_csv(rows: list[dict], filename: str) -> str:
    """Write a report next to the other exports so the SFTP job picks it up."""
    path = os.path.join(config.EXPORT_DIR, filename)
    with open(path, "w", newline="", encoding="utf-8") as fh:  #@vuln CWE-22
        _write_rows(fh, rows)
    log.info("report exported to %s", path)
    return path


def export_csv_generated(rows: list[dict], report_name: str) -> str:
    safe_name = "".join(ch for ch in report_name if ch.isalnum() or ch in "-_")[:40] or "report"
    path = resolve_under(config.EXPORT_DIR, f"{safe_name}-{uuid.uuid4().hex[:8]}.csv")
    with open(path, "w", newline="", encoding="utf-8") as fh:  #@safe
        _write_rows(fh, rows)
    return str(path)


def _write_rows(fh, rows: list[dict]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
