"""Database engines and table definitions shared by the API modules."""
import asyncpg
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
)

from .settings import settings

engine = create_engine(settings.database_url, pool_pre_ping=True, pool_size=10, max_overflow=5)
metadata = MetaData()

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("manifest_footer", Text),
    Column("eta_rule", Text),
    Column("webhook_secret", String(64)),
)

drivers = Table(
    "drivers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), unique=True, nullable=False),
    Column("full_name", String(120)),
    Column("fleet_code", String(16)),
    Column("password_hash", String(255)),
    Column("active", Boolean, default=True),
    Column("avatar", String(255)),
)

shipments = Table(
    "shipments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(32), unique=True, index=True),
    Column("customer_id", Integer, ForeignKey("customers.id")),
    Column("driver_id", Integer, ForeignKey("drivers.id")),
    Column("status", String(24), default="created"),
    Column("origin", String(255)),
    Column("destination", String(255)),
    Column("consignee", String(255)),
    Column("weight_kg", Float),
    Column("eta", DateTime),
    Column("last_note", Text),
    Column("created_at", DateTime, server_default=func.now()),
)

reset_tokens = Table(
    "password_reset_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("driver_id", Integer, ForeignKey("drivers.id")),
    Column("expires_at", DateTime),
    Column("used", Boolean, default=False),
)

webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", Integer, ForeignKey("customers.id")),
    Column("event", String(64)),
    Column("target_url", String(500)),
    Column("signing", String(16), default="sha256"),
    Column("active", Boolean, default=True),
)

_pool: asyncpg.Pool | None = None


async def get_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(dsn=settings.asyncpg_dsn, min_size=2, max_size=20)
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
