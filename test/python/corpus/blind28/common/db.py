"""Thin database helpers shared across the bots and the dashboard."""
import contextlib
import sqlite3

import psycopg2
import psycopg2.extras

from common import config


def pg_connect():
    return psycopg2.connect(
        host=config.PG_HOST,
        dbname=config.PG_DB,
        user=config.PG_USER,
        password=config.PG_PASSWORD,
        connect_timeout=5,
    )


@contextlib.contextmanager
def pg_cursor():
    conn = pg_connect()
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def sqlite_connect(path=None):
    conn = sqlite3.connect(path or config.SQLITE_PATH, timeout=10)
    conn.row_factory = sqlite3.Row
    return conn


def fetch_user_by_handle(handle):
    with pg_cursor() as cur:
        cur.execute("SELECT id, handle, email, team, bio FROM users WHERE handle = %s", (handle,))  #@safe
        return cur.fetchone()


def search_incidents(term, status=None):
    """Free-text search used by /incident in Slack and the dashboard search box."""
    sql = "SELECT id, title, status, opened_at FROM incidents WHERE title ILIKE '%" + term + "%'"
    if status:
        sql += " AND status = '%s'" % status
    with pg_cursor() as cur:
        cur.execute(sql + " ORDER BY opened_at DESC LIMIT 20")  #@vuln CWE-89
        return cur.fetchall()


SORTABLE_COLUMNS = {"opened_at", "severity", "title", "status"}


def list_incidents(order_by="opened_at", limit=20):
    if order_by not in SORTABLE_COLUMNS:
        order_by = "opened_at"
    with pg_cursor() as cur:
        cur.execute(f"SELECT id, title, severity, status FROM incidents ORDER BY {order_by} DESC LIMIT %s", (int(limit),))  #@safe
        return cur.fetchall()


def record_audit(actor, action, detail):
    with pg_cursor() as cur:
        cur.execute(
            "INSERT INTO audit_log (actor, action, detail, created_at) VALUES (%s, %s, %s, now())",
            (actor, action, (detail or "")[:1000]),
        )
