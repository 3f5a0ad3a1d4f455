"""MongoDB storage for decoded telemetry frames and aircraft master data."""
import logging
from datetime import datetime, timedelta, timezone

from pymongo import ASCENDING, DESCENDING, MongoClient

from hangar_common import settings

log = logging.getLogger("telemetry.sinks")

_client = MongoClient(settings.MONGO_URL, tls=True, tlsCAFile=settings.CA_BUNDLE, serverSelectionTimeoutMS=5000)
db = _client["telemetry"]


def ensure_indexes() -> None:
    db.frames.create_index([("tail", ASCENDING), ("ts", DESCENDING)])
    db.aircraft.create_index("registration", unique=True)


def store_frame(frame: dict, alerts: list[str]) -> None:
    doc = {
        "tail": frame.get("tail"),
        "flight": frame.get("flight"),
        "ts": frame.get("ts") or datetime.now(timezone.utc),
        "phase": frame.get("phase"),
        "params": frame.get("params", {}),
        "fault_messages": frame.get("fault_messages", []),
        "alerts": alerts,
    }
    db.frames.insert_one(doc)


def find_exceedances(tail: str, parameter: str, limit) -> list[dict]:
    query = {"tail": tail, "$where": "this.params." + parameter + " > " + str(limit)}
    return list(db.frames.find(query, {"_id": 0}).sort("ts", DESCENDING).limit(200))  #@vuln CWE-943


def lookup_aircraft(registration) -> dict | None:
    return db.aircraft.find_one({"registration": registration}, {"_id": 0})  #@vuln CWE-943


def recent_frames(tail: str, hours: int = 24) -> list[dict]:
    since = datetime.now(timezone.utc) - timedelta(hours=int(hours))
    cursor = db.frames.find({"tail": str(tail), "ts": {"$gte": since}}, {"_id": 0}).sort("ts", ASCENDING)  #@safe
    return list(cursor)
