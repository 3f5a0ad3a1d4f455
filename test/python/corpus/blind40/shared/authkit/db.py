"""Thin psycopg2 wrapper used by the identity service and the admin reports."""
import contextlib
import logging
import os

import psycopg2
import psycopg2.extras
from psycopg2 import pool

log = logging.getLogger(__name__)

_DEFAULT_DSN = "postgresql://identity_app:Rk7#pq2Lw9@pg-identity.internal:5432/identity"  #@vuln CWE-798

_pool = None


def get_pool():
    global _pool
    if _pool is None:
        dsn = os.environ.get("IDENTITY_DB_DSN", _DEFAULT_DSN)
        _pool = pool.ThreadedConnectionPool(minconn=1, maxconn=int(os.environ.get("DB_POOL_MAX", "10")), dsn=dsn)
    return _pool


@contextlib.contextmanager
def cursor(commit: bool = False):
    conn = get_pool().getconn()
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            yield cur
        if commit:
            conn.commit()
        else:
            conn.rollback()
    except Exception:
        conn.rollback()
        raise
    finally:
        get_pool().putconn(conn)


def fetch_one(query, params=()):
    with cursor() as cur:
        cur.execute(query, params)
        return cur.fetchone()


def fetch_all(query, params=()):
    with cursor() as cur:
        cur.execute(query, params)
        return cur.fetchall()
