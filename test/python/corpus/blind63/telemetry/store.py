"""MongoDB storage for raw telemetry samples and vehicle events."""
import logging
from datetime import datetime, timezone

from pymongo import ASCENDING, DESCENDING, MongoClient

log = logging.getLogger("telemetry.store")

_client = MongoClient("mongodb://telemetry:Tlm-Ingest-2023!@mongo-0.haulwise.internal:27017/?replicaSet=rs0")  #@vuln CWE-798
_db = _client["telemetry"]
samples = _db["samples"]
events = _db["events"]

samples.create_index([("vehicle_id", ASCENDING), ("ts", DESCENDING)])
events.create_index([("fleet", ASCENDING), ("vehicle_id", ASCENDING), ("ts", DESCENDING)])


def insert_samples(fleet: str, vehicle_id: str, batch: list[dict]) -> int:
    now = datetime.now(timezone.utc)
    docs = [dict(s, fleet=fleet, vehicle_id=vehicle_id, received_at=now) for s in batch]
    if not docs:
        return 0
    return len(samples.insert_many(docs, ordered=False).inserted_ids)


def insert_event(fleet: str, vehicle_id: str, kind: str, data: dict) -> None:
    events.insert_one({"fleet": fleet, "vehicle_id": vehicle_id, "kind": kind, "data": data, "ts": datetime.now(timezone.utc)})


def recent_samples(vehicle_id: str, since: datetime, limit: int = 2000) -> list[dict]:
    cursor = samples.find({"vehicle_id": str(vehicle_id), "ts": {"$gte": since}}, {"_id": 0}).sort("ts", ASCENDING).limit(limit)  #@safe
    return list(cursor)


def speeding_samples(fleet: str, vehicle_id: str, threshold: str) -> list[dict]:
    query = {"fleet": fleet, "vehicle_id": vehicle_id, "$where": "this.speed_kmh > " + threshold}
    return list(samples.find(query, {"_id": 0}).limit(500))  #@vuln CWE-943


def find_events(fleet: str, vehicle_id: str, criteria: dict) -> list[dict]:
    query = {"vehicle_id": vehicle_id, **criteria, "fleet": fleet}
    return list(events.find(query, {"_id": 0}).sort("ts", DESCENDING).limit(200))  #@vuln CWE-943
