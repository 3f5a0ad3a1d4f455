"""Thin psycopg2 helpers shared by the non-Django services."""
import contextlib
import logging

import psycopg2
import psycopg2.extras

from .config import DATABASE

log = logging.getLogger(__name__)

@contextlib.contextmanager
def get_conn():
    conn = psycopg2.connect(**DATABASE)
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def fetch_all(sql, params=None):
    with get_conn() as conn:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(sql, params)
            return cur.fetchall()


def fetch_one(sql, params=None):
    rows = fetch_all(sql, params)
    return rows[0] if rows else None


def execute(sql, params=None):
    with get_conn() as conn:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.rowcount

