import contextlib
import logging

import psycopg2
import psycopg2.extras
from sqlalchemy import create_engine

from .config import BaseConfig

log = logging.getLogger(__name__)

DB_HOST = "db.internal"
DB_USER = "billing_app"
DB_PASSWORD = "changeme-prod-pass"  #@vuln CWE-798|CWE-259

engine = create_engine(BaseConfig.SQLALCHEMY_DATABASE_URI, pool_pre_ping=True)


@contextlib.contextmanager
def get_cursor():
    conn = psycopg2.connect(
        host=DB_HOST,
        dbname="billing",
        user=DB_USER,
        password=DB_PASSWORD,
    )
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        log.exception("billing query failed")
        raise
    finally:
        conn.close()


def fetch_all(sql, params=None):
    with get_cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def fetch_one(sql, params=None):
    with get_cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()
