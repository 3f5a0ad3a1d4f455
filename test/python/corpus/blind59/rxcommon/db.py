"""Plain DB-API and Mongo helpers for code that runs outside the Flask app."""
import os
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from pymongo import MongoClient

from rxcommon.settings import BaseConfig

_mongo_client = None


def _dsn():
    return os.environ.get(
        "DATABASE_DSN", "dbname=rxbridge user=rxbridge host=localhost port=5432"
    )


def get_connection():
    return psycopg2.connect(_dsn(), connect_timeout=10)


@contextmanager
def dict_cursor():
    conn = get_connection()
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def fetch_one(sql, params):
    with dict_cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()


def fetch_all(sql, params):
    with dict_cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def mongo_db():
    global _mongo_client
    if _mongo_client is None:
        _mongo_client = MongoClient(BaseConfig.MONGO_URI, serverSelectionTimeoutMS=3000)
    return _mongo_client.get_default_database()
