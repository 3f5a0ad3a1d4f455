"""psycopg2 / SQLAlchemy helpers shared by registry, feature store and the DAGs."""
import contextlib
import logging

import psycopg2
import psycopg2.extras
from sqlalchemy import create_engine

from common.settings import WarehouseSettings

log = logging.getLogger(__name__)
_settings = WarehouseSettings()
_engine = None


def dsn() -> str:
    s = _settings
    return f"postgresql+psycopg2://{s.user}:{s.password}@{s.host}:{s.port}/{s.database}"


def get_engine():
    global _engine
    if _engine is None:
        _engine = create_engine(dsn(), pool_pre_ping=True, pool_size=5, max_overflow=5)
    return _engine


@contextlib.contextmanager
def get_conn():
    s = _settings
    conn = psycopg2.connect(
        host=s.host,
        port=s.port,
        dbname=s.database,
        user=s.user,
        password=s.password,
        sslmode=s.sslmode,
        application_name="ml-platform",
    )
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        log.exception("transaction rolled back")
        raise
    finally:
        conn.close()


def dict_cursor(conn):
    return conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)


def quote_ident(name: str) -> str:
    """Quote an identifier for Postgres (doubles embedded quotes)."""
    return '"' + name.replace('"', '""') + '"'


def split_table(qualified: str) -> tuple[str, str]:
    schema, _, table = qualified.partition(".")
    if not table:
        return "public", schema
    return schema, table
