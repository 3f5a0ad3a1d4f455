"""Process-wide psycopg2 pools (primary for writes, one replica for reads), shared by API and scripts."""
import contextlib
import logging
import random

from psycopg2 import pool as pg_pool
from psycopg2.extras import RealDictCursor

from orders_api.settings import get_settings

log = logging.getLogger(__name__)

_settings = get_settings()


def _make_pool(host):
    return pg_pool.ThreadedConnectionPool(_settings.db_pool_min, _settings.db_pool_max, host=host, port=_settings.db_port,
                                          dbname=_settings.db_name, user=_settings.db_user,
                                          password=_settings.db_password, connect_timeout=5)


# spread read traffic: each worker process sticks to one replica for its lifetime
_replica_host = random.choice(_settings.db_read_replicas)  #@safe

primary = _make_pool(_settings.db_host)
replica = _make_pool(_replica_host)


@contextlib.contextmanager
def cursor(commit=False, readonly=False):
    """Borrow a connection and yield a dict cursor; readonly=True routes to the replica."""
    source = replica if readonly and not commit else primary
    conn = source.getconn()
    try:
        cur = conn.cursor(cursor_factory=RealDictCursor)
        try:
            yield cur
            if commit:
                conn.commit()
            else:
                conn.rollback()
        finally:
            cur.close()
    except Exception:
        log.exception("db error, rolling back")
        conn.rollback()
        raise
    finally:
        source.putconn(conn)


def close_all():
    primary.closeall()
    replica.closeall()
