"""Thin psycopg2 helpers used by the ops CLI and the Celery jobs."""
import logging
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from psycopg2 import sql

from agrocore.config import DatabaseConfig

log = logging.getLogger(__name__)


@contextmanager
def connection():
    conn = psycopg2.connect(**DatabaseConfig().libpq_kwargs)
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def fetch_all(query, params=None):
    with connection() as conn:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(query, params)
            return cur.fetchall()


def fetch_one(query, params=None):
    rows = fetch_all(query, params)
    return rows[0] if rows else None


def table_row_count(table, where_clause="TRUE"):
    """Row count used by ``agri db count`` for quick data-quality checks."""
    query = "SELECT COUNT(*) FROM %s WHERE %s" % (table, where_clause)
    log.debug("count query: %s", query)
    with connection() as conn:
        with conn.cursor() as cur:
            cur.execute(query)  #@vuln CWE-89
            return cur.fetchone()[0]


def rows_for_farm(table, farm_id, limit=100):
    query = sql.SQL("SELECT * FROM {} WHERE farm_id = %s ORDER BY id DESC LIMIT %s").format(
        sql.Identifier(table)
    )
    with connection() as conn:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(query, (farm_id, limit))  #@safe
            return cur.fetchall()


def get_station(station_id):
    return fetch_one(
        "SELECT id, farm_id, name, endpoint_url, lat, lon FROM fields_weatherstation WHERE id = %s",
        (station_id,),
    )


def get_field(field_id):
    return fetch_one(
        "SELECT id, farm_id, name, centroid_lat, centroid_lon, area_ha FROM fields_field WHERE id = %s",
        (field_id,),
    )


def get_gateway(gateway_id):
    return fetch_one(
        "SELECT id, farm_id, hostname, port, serial FROM fields_gateway WHERE id = %s",
        (gateway_id,),
    )


def webhooks_for_farm(farm_id, event):
    return fetch_all(
        "SELECT id, target_url, secret FROM fields_webhook WHERE farm_id = %s AND event = %s AND active",
        (farm_id, event),
    )


def insert_operator(username, password_hash, role):
    with connection() as conn:
        with conn.cursor() as cur:
            cur.execute(
                "INSERT INTO ops_operator (username, password_hash, role) VALUES (%s, %s, %s)",
                (username, password_hash, role),
            )


def store_api_token(operator, token_digest):
    with connection() as conn:
        with conn.cursor() as cur:
            cur.execute(
                "INSERT INTO ops_apitoken (operator, digest) VALUES (%s, %s)",
                (operator, token_digest),
            )
