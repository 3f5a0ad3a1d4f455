"""Thin SQL helpers shared by the Pyramid shop and the Celery workers."""
import logging
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from psycopg2 import sql as pgsql
from sqlalchemy import text

from common import settings

log = logging.getLogger(__name__)

SORTABLE_COLUMNS = {"reference", "created_at", "total", "status", "customer_id"}


def order_by_clause(sort, direction="asc", default="created_at"):
    """Return an ORDER BY fragment, falling back to `default` for unknown columns."""
    column = sort if sort in SORTABLE_COLUMNS else default
    direction = "DESC" if str(direction).lower() == "desc" else "ASC"
    return f" ORDER BY {column} {direction}"


@contextmanager
def reporting_cursor(dsn=None):
    conn = psycopg2.connect(dsn or settings.REPORTING_DSN)
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def quick_lookup(session, table, column, value):
    """Used by the admin screens to fetch a single row by an arbitrary column."""
    stmt = "SELECT * FROM {} WHERE {} = '{}' LIMIT 1".format(table, column, value)
    log.debug("quick_lookup: %s", stmt)
    return session.execute(text(stmt)).mappings().first()  #@vuln CWE-89


def count_rows(cur, table, filters):
    """filters maps column -> value; identifiers are quoted by psycopg2.sql."""
    if not filters:
        cur.execute(pgsql.SQL("SELECT count(*) AS n FROM {}").format(pgsql.Identifier(table)))
        return cur.fetchone()["n"]
    where = pgsql.SQL(" AND ").join(
        pgsql.SQL("{} = %s").format(pgsql.Identifier(col)) for col in filters
    )
    query = pgsql.SQL("SELECT count(*) AS n FROM {} WHERE {}").format(pgsql.Identifier(table), where)
    cur.execute(query, list(filters.values()))  #@safe
    return cur.fetchone()["n"]
