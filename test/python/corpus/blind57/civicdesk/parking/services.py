"""Access to the legacy ticketing database and enforcement camera archive."""
import logging
import os
import random
import string
from urllib.parse import urlparse

import requests
from sqlalchemy import create_engine, text

log = logging.getLogger(__name__)

TICKETS_DB_URL = "postgresql+psycopg2://parking_app:Tk7!parkAdm1n@10.20.0.14:5432/tickets"  #@vuln CWE-798
CAMERA_HOSTS = {"cam-archive-1.parking.city.example", "cam-archive-2.parking.city.example"}
PAYMENT_API_KEY = os.environ.get("PARKING_PAYMENT_API_KEY", "")

_engine = create_engine(TICKETS_DB_URL, pool_pre_ping=True, pool_size=5)


def tickets_for_plate(plate, state=None):
    sql = (
        "SELECT ticket_no, plate, plate_state, violation_code, amount_cents, status, issued_at "
        f"FROM citations WHERE plate = '{plate.upper()}'"
    )
    if state:
        sql += f" AND plate_state = '{state}'"
    with _engine.connect() as conn:
        rows = conn.execute(text(sql))  #@vuln CWE-89
        return [dict(r._mapping) for r in rows]


def ticket_detail(ticket_no):
    with _engine.connect() as conn:
        row = conn.execute(
            text("SELECT * FROM citations WHERE ticket_no = :ticket_no"), {"ticket_no": ticket_no}
        ).first()
        return dict(row._mapping) if row else None


def violations_by_officer(badge, since):
    query = text(
        "SELECT violation_code, COUNT(*) AS n FROM citations "
        "WHERE officer_badge = :badge AND issued_at >= :since GROUP BY violation_code"
    )
    with _engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query, {"badge": badge, "since": since})]  #@safe


def mark_ticket_paid(ticket_no, payment_ref):
    with _engine.begin() as conn:
        conn.execute(
            text("UPDATE citations SET status = 'paid', payment_ref = :ref WHERE ticket_no = :t"),
            {"ref": payment_ref, "t": ticket_no},
        )


def fetch_plate_photo(photo_url):
    """Evidence photos are linked from the citation record or pasted in by an officer."""
    resp = requests.get(photo_url, timeout=8)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content


def fetch_camera_frame(camera_host, frame_id):
    if camera_host not in CAMERA_HOSTS:
        raise ValueError(f"unknown camera archive {camera_host!r}")
    url = f"https://{camera_host}/frames/{int(frame_id)}.jpg"
    resp = requests.get(url, timeout=8)  #@safe
    resp.raise_for_status()
    return resp.content


def appeal_reference():
    """Reference a resident uses to check their appeal status without logging in."""
    suffix = "".join(random.choices(string.ascii_uppercase + string.digits, k=6))  #@vuln CWE-338
    return f"AP-{suffix}"


def payment_portal_link(ticket_no, return_to):
    parsed = urlparse(return_to)
    return f"https://pay.city.example/parking/{ticket_no}?return={parsed.path}"
