"""Thin sqlite helpers used by every tool that touches the platform DB."""
import logging
import sqlite3
from contextlib import contextmanager

from common import config

log = logging.getLogger(__name__)

SORTABLE_COLUMNS = {"created_at", "title", "status", "region", "amount"}


def connect(path=None):
    conn = sqlite3.connect(path or config.DB_PATH, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


@contextmanager
def cursor(path=None):
    conn = connect(path)
    try:
        cur = conn.cursor()
        yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        log.exception("db transaction rolled back")
        raise
    finally:
        conn.close()


def rows_to_dicts(rows):
    return [dict(r) for r in rows]


def order_clause(column, direction="asc"):
    """Build an ORDER BY clause from an allow-listed column name."""
    if column not in SORTABLE_COLUMNS:
        column = "created_at"
    direction = "DESC" if str(direction).lower() == "desc" else "ASC"
    return f" ORDER BY {column} {direction}"
