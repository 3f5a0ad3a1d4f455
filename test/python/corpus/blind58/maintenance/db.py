"""Database access for the maintenance service.

The ORM-less SQLAlchemy Core layer is used for most reads; a handful of legacy
reports still go straight through psycopg2.
"""
import contextlib

import psycopg2
import psycopg2.extras
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
)

from hangar_common import settings

engine = create_engine(settings.DATABASE_URL, pool_pre_ping=True, pool_size=5, max_overflow=5)
metadata = MetaData()

work_orders = Table(
    "work_orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tail_number", String(10), nullable=False),
    Column("ata_chapter", String(8), nullable=False),
    Column("station", String(4), nullable=False),
    Column("status", String(16), nullable=False, default="open"),
    Column("description", Text),
    Column("deferred", Boolean, default=False),
    Column("mel_item", String(16)),
    Column("opened_at", DateTime(timezone=True)),
    Column("due_at", DateTime(timezone=True)),
    Column("certified_by", String(64)),
    Column("licence_no", String(32)),
)

saved_filters = Table(
    "saved_filters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner", String(64), nullable=False),
    Column("name", String(80), nullable=False),
    Column("where_clause", Text, nullable=False),
)

parts = Table(
    "parts",
    metadata,
    Column("part_number", String(32), primary_key=True),
    Column("description", Text),
    Column("quantity", Integer, nullable=False, default=0),
    Column("bin_location", String(16)),
    Column("list_price", Numeric(12, 2)),
    Column("vendor_lead_days", Integer),
)


@contextlib.contextmanager
def pg_cursor():
    conn = psycopg2.connect(
        host=settings.DB_HOST,
        dbname=settings.DB_NAME,
        user=settings.DB_USER,
        password=settings.DB_PASSWORD,
        sslmode="verify-full",
        sslrootcert=settings.CA_BUNDLE,
        application_name="maintenance-api",
    )
    try:
        with conn:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                yield cur
    finally:
        conn.close()
