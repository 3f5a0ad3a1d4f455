"""Engine and session helpers shared by the API and the workers."""
from contextlib import contextmanager
from typing import Iterator

from sqlmodel import Session, SQLModel, create_engine

from claims_api.settings import get_settings

_settings = get_settings()

engine = create_engine(
    _settings.database_url,
    pool_pre_ping=True,
    pool_size=10,
    max_overflow=5,
)


def init_db() -> None:
    # tables are normally managed by alembic; this is for local runs
    SQLModel.metadata.create_all(engine)


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@contextmanager
def dbapi_cursor():
    """Plain DB-API cursor for the few queries that need psycopg2 directly."""
    conn = engine.raw_connection()
    try:
        cur = conn.cursor()
        yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()
