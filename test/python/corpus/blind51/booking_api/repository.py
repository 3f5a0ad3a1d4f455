"""Data access for bookings/shipments (PostgreSQL) and tracking events (MongoDB)."""
from datetime import datetime, timezone

from pymongo import ASCENDING, MongoClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from common import config
from common.security import tracking_code

_SORTABLE = {
    "created": "b.created_at",
    "departure": "b.departure_at",
    "reference": "b.reference",
    "status": "b.status",
}

_mongo = MongoClient(config.MONGO_URL, serverSelectionTimeoutMS=3000)
_events = _mongo["tracking"]["events"]


def get_booking(db: Session, reference: str) -> dict | None:
    row = db.execute(text("SELECT * FROM bookings WHERE reference = :ref"), {"ref": reference}).mappings().first()  #@safe
    return dict(row) if row else None


def get_booking_by_code(db: Session, code: str) -> dict | None:
    row = db.execute(text("SELECT reference, status, destination, eta FROM bookings WHERE tracking_code = :c"),
                     {"c": code.upper()}).mappings().first()
    return dict(row) if row else None


def search_bookings(db: Session, customer_id: int, q: str | None, status: str | None, sort: str) -> list[dict]:
    order_col = _SORTABLE.get(sort, "b.created_at")
    sql = ("SELECT b.reference, b.status, b.origin, b.destination, b.departure_at "
           "FROM bookings b WHERE b.customer_id = :cid")
    params: dict = {"cid": customer_id}
    if q:
        sql += " AND (b.reference ILIKE :q OR b.destination ILIKE :q)"
        params["q"] = f"%{q}%"
    if status:
        sql += f" AND b.status = '{status}'"
    sql += f" ORDER BY {order_col} DESC LIMIT 200"
    return [dict(r) for r in db.execute(text(sql), params).mappings().all()]  #@vuln CWE-89


def list_manifest_shipments(db: Session, manifest_id: int, direction: str = "asc") -> list[dict]:
    direction = "ASC" if direction.lower() == "asc" else "DESC"
    return [dict(r) for r in db.execute(text(f"SELECT reference, weight_kg, carrier_code FROM shipments WHERE manifest_id = :mid ORDER BY created_at {direction}"), {"mid": manifest_id}).mappings().all()]  #@safe


def shipments_by_field(db: Session, customer_id: int, field: str, value: str) -> list[dict]:
    # "advanced search" in the portal; field comes from a <select> on the page
    return [dict(r) for r in db.execute(text(f"SELECT reference, status, weight_kg, carrier_code FROM shipments WHERE customer_id = :cid AND {field} = :val"), {"cid": customer_id, "val": value}).mappings().all()]  #@vuln CWE-89


def customer_references(db: Session, customer_id: int) -> list[str]:
    rows = db.execute(text("SELECT reference FROM shipments WHERE customer_id = :cid"), {"cid": customer_id})
    return [r[0] for r in rows]


def create_booking(db: Session, customer_id: int, doc: dict) -> str:
    reference = "BK" + datetime.now(timezone.utc).strftime("%y%m%d") + tracking_code(6)
    db.execute(
        text("INSERT INTO bookings (reference, customer_id, origin, destination, consignee_name, "
             "weight_kg, mode, tracking_code, status) VALUES (:ref, :cid, :o, :d, :cn, :w, :m, :tc, 'new')"),
        {"ref": reference, "cid": customer_id, "o": doc["origin"], "d": doc["destination"],
         "cn": doc.get("consignee_name", ""), "w": float(doc["weight_kg"]), "m": doc.get("mode", "road"),
         "tc": tracking_code()},
    )
    return reference


def update_status(db: Session, reference: str, new_status: str, note: str = "") -> None:
    db.execute(
        text("UPDATE bookings SET status = :s, status_note = :n, updated_at = now() WHERE reference = :r"),
        {"s": new_status, "n": note, "r": reference},
    )


# --- tracking events (MongoDB) ---------------------------------------------

def tracking_events(reference: str) -> list[dict]:
    return list(_events.find({"shipment_ref": str(reference)}, {"_id": 0}).sort("ts", ASCENDING))  #@safe


def tracking_events_matching(filter_doc: dict) -> list[dict]:
    # Body of POST /shipments/events/query, passed through for the ops dashboard
    return list(_events.find(filter_doc, {"_id": 0}).limit(500))  #@vuln CWE-943


def events_at_location(location: str) -> list[dict]:
    return list(_events.find({"$where": "this.scan_location == '" + location + "'"}, {"_id": 0}).limit(500))  #@vuln CWE-943


def record_event(reference: str, status: str, location: str, source: str) -> None:
    _events.insert_one({"shipment_ref": reference, "status": status, "scan_location": location,
                        "source": source, "ts": datetime.now(timezone.utc)})
