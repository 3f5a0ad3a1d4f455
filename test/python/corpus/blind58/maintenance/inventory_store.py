"""Parts inventory persistence used by the gRPC service and vendor webhooks."""
import logging

from sqlalchemy import select, text

from maintenance.db import engine, parts

log = logging.getLogger("maintenance.inventory")

PART_COLUMNS = "part_number, description, quantity, bin_location, list_price"


def find_part(part_number: str) -> dict | None:
    stmt = text(f"SELECT {PART_COLUMNS} FROM parts WHERE part_number = :pn")
    with engine.connect() as conn:
        row = conn.execute(stmt, {"pn": part_number.strip().upper()}).mappings().first()  #@safe
    return dict(row) if row else None


def search_parts(term: str, order_by: str = "part_number") -> list[dict]:
    query = "SELECT {} FROM parts WHERE description ILIKE '%{}%' ORDER BY {} LIMIT 200".format(
        PART_COLUMNS, term, order_by
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(query)).mappings()]  #@vuln CWE-89


def all_parts() -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(select(parts).order_by(parts.c.part_number)).mappings()
        return [{k: (str(v) if v is not None else None) for k, v in r.items()} for r in rows]


def reserve(part_number: str, quantity: int, work_order_id: int) -> bool:
    with engine.begin() as conn:
        result = conn.execute(
            text("UPDATE parts SET quantity = quantity - :qty WHERE part_number = :pn AND quantity >= :qty"),
            {"qty": quantity, "pn": part_number},
        )
        if result.rowcount != 1:
            return False
        conn.execute(
            text("INSERT INTO reservations (part_number, quantity, work_order_id) VALUES (:pn, :qty, :wo)"),
            {"pn": part_number, "qty": quantity, "wo": work_order_id},
        )
    return True


def receive_part(part_number: str, quantity: int, serial_number: str) -> bool:
    with engine.begin() as conn:
        result = conn.execute(
            text("UPDATE parts SET quantity = quantity + :qty WHERE part_number = :pn"),
            {"qty": quantity, "pn": part_number},
        )
        conn.execute(
            text("INSERT INTO serialised_parts (part_number, serial_number) VALUES (:pn, :sn) ON CONFLICT DO NOTHING"),
            {"pn": part_number, "sn": serial_number},
        )
    return result.rowcount == 1


def upsert_catalog(entries: list[dict]) -> int:
    stmt = text(
        "INSERT INTO parts (part_number, description, list_price) VALUES (:pn, :desc, :price) "
        "ON CONFLICT (part_number) DO UPDATE SET description = EXCLUDED.description, list_price = EXCLUDED.list_price"
    )
    with engine.begin() as conn:
        for entry in entries:
            conn.execute(stmt, {"pn": entry["part_number"], "desc": entry.get("description"), "price": entry.get("price")})
    return len(entries)


def apply_vendor_feed(feed: list[dict]) -> int:
    updated = 0
    with engine.begin() as conn:
        for item in feed:
            sql = (
                f"UPDATE parts SET vendor_lead_days = {item['lead_days']} "
                f"WHERE part_number = '{item['part_number']}'"
            )
            updated += conn.execute(text(sql)).rowcount  #@vuln CWE-89
    return updated
