"""Database connection helpers (Postgres inventory DB, local sqlite stores)."""
import contextlib
import sqlite3

import psycopg2
import psycopg2.extras
import psycopg2.pool

from common.config import load_config

_pool = None


def _get_pool():
    global _pool
    if _pool is None:
        db = load_config()["db"]
        _pool = psycopg2.pool.ThreadedConnectionPool(
            1, 8, host=db["host"], port=db["port"], dbname=db["name"], user=db["user"], password=db["password"],
            sslmode="verify-full", sslrootcert="/etc/ssl/certs/corp-internal-ca.pem", connect_timeout=5,
        )
    return _pool


@contextlib.contextmanager
def pg_cursor(commit=False):
    pool = _get_pool()
    conn = pool.getconn()
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
        pool.putconn(conn)


def sqlite_conn(path):
    conn = sqlite3.connect(path, timeout=10)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
