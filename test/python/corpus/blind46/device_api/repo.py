"""Device inventory (SQLite) and audit log (MongoDB) for the dashboard."""
import sqlite3
import threading
import time

from pymongo import MongoClient

from common.config import get_settings

_local = threading.local()
SORT_COLUMNS = {"name": "name", "room": "room, name", "seen": "last_seen DESC", "fw": "firmware"}


def db() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(get_settings().sqlite_path, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        _local.conn = conn
    return conn


def _audit_coll():
    client = getattr(_local, "mongo", None)
    if client is None:
        client = MongoClient(get_settings().mongo_uri, serverSelectionTimeoutMS=3000)
        _local.mongo = client
    return client["hearth"]["audit"]


# ---------------------------------------------------------------- users

def get_user(username: str):
    return db().execute("SELECT username, password_hash, role, source FROM users WHERE username = ?", (username,)).fetchone()


def create_user(username: str, password_hash: str, role: str = "owner"):
    with db() as conn:
        conn.execute(
            "INSERT INTO users (username, password_hash, role, source) VALUES (?, ?, ?, 'local')",
            (username, password_hash, role),
        )


def get_kiosk(pairing_code: str):
    return db().execute("SELECT token, room FROM kiosks WHERE pairing_code = ?", (pairing_code,)).fetchone()


# ---------------------------------------------------------------- devices

def get_device(device_id: str):
    return db().execute("SELECT id, name, room, firmware, last_seen FROM devices WHERE id = ?", (device_id,)).fetchone()


def list_devices(room: str | None = None, sort: str = "name"):
    order = SORT_COLUMNS.get(sort, "name")
    if room:
        return db().execute(f"SELECT id, name, room, firmware, last_seen FROM devices WHERE room = ? ORDER BY {order}", (room,)).fetchall()  #@safe
    return db().execute(f"SELECT id, name, room, firmware, last_seen FROM devices ORDER BY {order}").fetchall()


def search_devices(term: str, sort: str = "name"):
    query = f"SELECT id, name, room, firmware, last_seen FROM devices WHERE name LIKE '%{term}%' OR room LIKE '%{term}%' ORDER BY {sort}"
    return db().execute(query).fetchall()  #@vuln CWE-89


def rename_device(device_id: str, name: str):
    with db() as conn:
        conn.execute("UPDATE devices SET name = '" + name + "' WHERE id = ?", (device_id,))  #@vuln CWE-89


def delete_room(room: str) -> int:
    with db() as conn:
        cur = conn.execute("DELETE FROM devices WHERE room = '%s'" % room)  #@vuln CWE-89
        return cur.rowcount


def count_by(field: str):
    return db().execute(f"SELECT {field} AS k, COUNT(*) AS n FROM devices GROUP BY {field}").fetchall()  #@vuln CWE-89


# ---------------------------------------------------------------- audit log

def audit(event: dict):
    event.setdefault("ts", time.time())
    _audit_coll().insert_one(event)


def audit_query(filter_doc: dict, limit: int = 100) -> list:
    return list(_audit_coll().find(filter_doc, {"_id": 0}).sort("ts", -1).limit(limit))  #@vuln CWE-943


def audit_for_device(device_id: str, limit: int = 100) -> list:
    return list(_audit_coll().find({"device_id": str(device_id)}, {"_id": 0}).sort("ts", -1).limit(limit))  #@safe
