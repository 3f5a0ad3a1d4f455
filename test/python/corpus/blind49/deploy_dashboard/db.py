"""Postgres access for the deploy dashboard (psycopg2, no ORM)."""
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from psycopg2.pool import ThreadedConnectionPool

from platform_common import config

_pool = None

AUDIT_COLUMNS = {"actor", "action", "service", "env", "created_at"}


def init_pool(minconn=1, maxconn=8):
    global _pool
    _pool = ThreadedConnectionPool(
        minconn, maxconn,
        host=config.DB_HOST, port=config.DB_PORT, dbname=config.DB_NAME,
        user=config.DB_USER, password=config.DB_PASSWORD,
    )


@contextmanager
def cursor(commit=False):
    conn = _pool.getconn()
    try:
        cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
        yield cur
        if commit:
            conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        _pool.putconn(conn)


def list_deploys(service=None, env=None, order="created_at", limit=50):
    sql = "SELECT id, service, env, version, status, created_by, created_at FROM deploys WHERE 1=1"
    params = []
    if service:
        sql += " AND service = %s"
        params.append(service)
    if env:
        sql += " AND env = %s"
        params.append(env)
    sql += f" ORDER BY {order} DESC LIMIT %s"
    params.append(limit)
    with cursor() as cur:
        cur.execute(sql, params)  #@vuln CWE-89
        return cur.fetchall()


def get_deploy(deploy_id):
    with cursor() as cur:
        cur.execute("SELECT * FROM deploys WHERE id = %s", (deploy_id,))  #@safe
        return cur.fetchone()


def search_deploys(term):
    with cursor() as cur:
        cur.execute(f"SELECT id, service, env, version, status FROM deploys WHERE version ILIKE '%{term}%' OR created_by ILIKE '%{term}%' ORDER BY id DESC LIMIT 100")  #@vuln CWE-89
        return cur.fetchall()


def record_deploy(service, env, version, user):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO deploys (service, env, version, status, created_by) VALUES (%s, %s, %s, 'queued', %s) RETURNING id", (service, env, version, user))  #@safe
        return cur.fetchone()["id"]


def update_status(deploy_id, status, detail=""):
    with cursor(commit=True) as cur:
        cur.execute("UPDATE deploys SET status = '%s', detail = '%s' WHERE id = %s" % (status, detail, deploy_id))  #@vuln CWE-89


def find_user(username):
    with cursor() as cur:
        cur.execute("SELECT id, username, password_hash, salt, role FROM users WHERE username = '" + username + "'")  #@vuln CWE-89
        return cur.fetchone()


def deploys_by_user(username, env):
    with cursor() as cur:
        cur.execute("SELECT id, service, env, version, status, created_at FROM deploys WHERE created_by = '%s' AND env = %%s ORDER BY id DESC" % username, (env,))  #@vuln CWE-89
        return cur.fetchall()


def find_token(token_hash):
    with cursor() as cur:
        cur.execute("SELECT t.id, u.username, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = %s AND t.revoked = false", (token_hash,))
        return cur.fetchone()


def store_token(user_id, token_hash, label):
    with cursor(commit=True) as cur:
        cur.execute("INSERT INTO api_tokens (user_id, token_hash, label) VALUES (%s, %s, %s)", (user_id, token_hash, label))


def audit_log(filters, sort="created_at"):
    where, params = [], []
    for col, value in filters.items():
        if col not in AUDIT_COLUMNS:
            continue
        where.append(f"{col} = %s")
        params.append(value)
    if sort not in AUDIT_COLUMNS:
        sort = "created_at"
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {sort} DESC LIMIT 500"
    with cursor() as cur:
        cur.execute(sql, params)  #@safe
        return cur.fetchall()


def purge_older_than(days):
    with cursor(commit=True) as cur:
        cur.execute(f"DELETE FROM deploys WHERE created_at < now() - interval '{int(days)} days'")  #@safe
        return cur.rowcount


def services_summary(env):
    with cursor() as cur:
        cur.execute(f"SELECT service, max(version) AS version, count(*) AS deploys FROM deploys WHERE env = '{env}' GROUP BY service")  #@vuln CWE-89
        return cur.fetchall()

