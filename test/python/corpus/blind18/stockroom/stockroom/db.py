import contextlib

import psycopg2.pool
from flask import g
from psycopg2.extras import RealDictCursor

_pool = None


def init_db(app):
    global _pool
    _pool = psycopg2.pool.ThreadedConnectionPool(1, app.config["DB_POOL_SIZE"], app.config["DATABASE_DSN"])
    app.teardown_appcontext(_release)


def _release(exc):
    conn = g.pop("db_conn", None)
    if conn is not None:
        (conn.commit if exc is None else conn.rollback)()
        _pool.putconn(conn)


@contextlib.contextmanager
def cursor():
    if "db_conn" not in g:
        g.db_conn = _pool.getconn()
    cur = g.db_conn.cursor(cursor_factory=RealDictCursor)
    try:
        yield cur
    finally:
        cur.close()


def fetch_all(sql, params=None):
    with cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def fetch_one(sql, params=None):
    with cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()
