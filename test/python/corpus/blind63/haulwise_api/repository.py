"""Data access helpers for shipments, drivers and fleet positions."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert, select, text, update

from .db import customers, drivers, engine, get_pool, reset_tokens, shipments

SORTABLE_COLUMNS = {
    "created": "created_at",
    "eta": "eta",
    "reference": "reference",
    "status": "status",
}


def _rows(result):
    return [dict(r._mapping) for r in result]


def get_shipment(reference: str) -> dict | None:
    stmt = select(shipments).where(shipments.c.reference == reference)
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return dict(row._mapping) if row else None


def get_customer(customer_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(customers).where(customers.c.id == customer_id)).first()
    return dict(row._mapping) if row else None


def search_shipments(customer_id: int, status: str | None, sort: str, direction: str) -> list[dict]:
    order_col = SORTABLE_COLUMNS.get(sort, "created_at")
    order_dir = "DESC" if direction.lower() == "desc" else "ASC"
    sql = text(
        "SELECT id, reference, status, origin, destination, eta FROM shipments "
        "WHERE customer_id = :cid AND (CAST(:status AS text) IS NULL OR status = :status) "
        f"ORDER BY {order_col} {order_dir} LIMIT 200"
    )
    with engine.connect() as conn:
        return _rows(conn.execute(sql, {"cid": customer_id, "status": status}))  #@safe


def search_by_destination(customer_id: int, city: str) -> list[dict]:
    sql = (
        "SELECT id, reference, status, destination, eta FROM shipments "
        "WHERE customer_id = %d AND destination ILIKE '%%%s%%' ORDER BY eta" % (customer_id, city)
    )
    with engine.connect() as conn:
        return _rows(conn.execute(text(sql)))  #@vuln CWE-89


def update_shipment_status(shipment_id: int, status: str, note: str | None) -> None:
    with engine.begin() as conn:
        conn.execute(  #@vuln CWE-89
            text("UPDATE shipments SET status = '" + status + "', last_note = :note WHERE id = :id"),
            {"note": note, "id": shipment_id},
        )


def get_driver_by_email(email: str) -> dict | None:
    sql = text(
        "SELECT id, email, full_name, fleet_code, password_hash, active "
        "FROM drivers WHERE lower(email) = lower(:email)"
    )
    with engine.connect() as conn:
        row = conn.execute(sql, {"email": email}).first()
    return dict(row._mapping) if row else None


def get_driver(driver_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(drivers).where(drivers.c.id == driver_id)).first()
    return dict(row._mapping) if row else None


def set_driver_password(driver_id: int, password_hash: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(drivers).where(drivers.c.id == driver_id).values(password_hash=password_hash))


def store_reset_token(driver_id: int, token_hash: str, minutes: int) -> None:
    expires = datetime.now(timezone.utc) + timedelta(minutes=minutes)
    with engine.begin() as conn:
        conn.execute(insert(reset_tokens).values(token_hash=token_hash, driver_id=driver_id, expires_at=expires))


def consume_reset_token(token_hash: str) -> int | None:
    now = datetime.now(timezone.utc)
    with engine.begin() as conn:
        row = conn.execute(
            select(reset_tokens.c.driver_id)
            .where(reset_tokens.c.token_hash == token_hash)
            .where(reset_tokens.c.used.is_(False))
            .where(reset_tokens.c.expires_at > now)
        ).first()
        if row is None:
            return None
        conn.execute(update(reset_tokens).where(reset_tokens.c.token_hash == token_hash).values(used=True))
        return row.driver_id


async def vehicle_positions(vehicle_ids: list[int], since: datetime) -> list[dict]:
    pool = await get_pool()
    async with pool.acquire() as conn:
        rows = await conn.fetch(  #@safe
            "SELECT vehicle_id, lat, lon, speed_kmh, recorded_at FROM positions "
            "WHERE vehicle_id = ANY($1::int[]) AND recorded_at >= $2 ORDER BY recorded_at",
            vehicle_ids,
            since,
        )
    return [dict(r) for r in rows]


async def positions_in_bbox(fleet_code: str, bbox: str) -> list[dict]:
    pool = await get_pool()
    query = (
        "SELECT vehicle_id, lat, lon, heading, recorded_at FROM latest_positions "
        f"WHERE fleet_code = '{fleet_code}' AND geom && ST_MakeEnvelope({bbox}, 4326)"
    )
    async with pool.acquire() as conn:
        rows = await conn.fetch(query)  #@vuln CWE-89
    return [dict(r) for r in rows]
