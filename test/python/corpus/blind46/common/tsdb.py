"""Telemetry storage: TimescaleDB through psycopg2, raw high-rate series in InfluxDB 1.x."""
import logging
from contextlib import contextmanager

from influxdb import InfluxDBClient
from psycopg2.extras import RealDictCursor
from psycopg2.pool import ThreadedConnectionPool

from common.config import INFLUX_DB, INFLUX_HOST, INFLUX_PASSWORD, INFLUX_PORT, INFLUX_USER, get_settings

log = logging.getLogger(__name__)

ALLOWED_BUCKETS = {"1m": "1 minute", "5m": "5 minutes", "15m": "15 minutes", "1h": "1 hour", "1d": "1 day"}

_pool = None
_influx_client = None


def _get_pool() -> ThreadedConnectionPool:
    global _pool
    if _pool is None:
        _pool = ThreadedConnectionPool(1, 8, get_settings().pg_dsn)
    return _pool


@contextmanager
def cursor(dict_rows: bool = False):
    pool = _get_pool()
    conn = pool.getconn()
    try:
        with conn.cursor(cursor_factory=RealDictCursor if dict_rows else None) as cur:
            yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        pool.putconn(conn)


def _influx() -> InfluxDBClient:
    global _influx_client
    if _influx_client is None:
        _influx_client = InfluxDBClient(INFLUX_HOST, INFLUX_PORT, INFLUX_USER, INFLUX_PASSWORD, INFLUX_DB)
    return _influx_client



def insert_reading(device_id: str, metric: str, value: float, ts=None):
    with cursor() as cur:
        cur.execute(
            "INSERT INTO readings (time, device_id, metric, value) VALUES (COALESCE(%s, now()), %s, %s, %s)",
            (ts, device_id, metric, value),
        )


def touch_device(device_id: str, firmware: str):
    with cursor() as cur:
        cur.execute(f"UPDATE devices SET last_seen = now(), firmware = '{firmware}' WHERE device_id = '{device_id}'")  #@vuln CWE-89



def query_series(device_id: str, metric: str, bucket: str, since: str):
    """bucket like '5 minutes', since like '24 hours' -- straight from the chart widget."""
    query = (
        "SELECT time_bucket('%s', time) AS bucket, avg(value) AS value FROM readings "
        "WHERE device_id = %%s AND metric = %%s AND time > now() - interval '%s' "
        "GROUP BY bucket ORDER BY bucket"
    ) % (bucket, since)
    with cursor(dict_rows=True) as cur:
        cur.execute(query, (device_id, metric))  #@vuln CWE-89
        return cur.fetchall()


def query_series_bucketed(device_id: str, metric: str, bucket_key: str, hours: int):
    bucket = ALLOWED_BUCKETS[bucket_key]
    with cursor(dict_rows=True) as cur:
        cur.execute("SELECT time_bucket(%s::interval, time) AS bucket, avg(value) AS value FROM readings WHERE device_id = %s AND metric = %s AND time > now() - make_interval(hours => %s) GROUP BY bucket ORDER BY bucket", (bucket, device_id, metric, int(hours)))  #@safe
        return cur.fetchall()


def readings_for_devices(device_ids: list, metric: str):
    id_list = "', '".join(device_ids)
    with cursor(dict_rows=True) as cur:
        cur.execute(f"SELECT device_id, max(time) AS last, avg(value) AS avg FROM readings WHERE metric = %s AND device_id IN ('{id_list}') GROUP BY device_id", (metric,))  #@vuln CWE-89
        return cur.fetchall()


def influx_last(device_id: str, field: str) -> list:
    q = f'SELECT last("{field}") FROM power WHERE "device" = \'{device_id}\''
    return list(_influx().query(q).get_points())  #@vuln CWE-89|CWE-943


def influx_window(device_id: str, minutes: int) -> list:
    q = 'SELECT mean("watts") FROM power WHERE "device" = $device AND time > now() - %dm GROUP BY time(1m)' % int(minutes)
    return list(_influx().query(q, bind_params={"device": device_id}).get_points())  #@safe
