"""MongoDB persistence for raw sensor telemetry."""
from datetime import datetime, timezone

from pymongo import ASCENDING, DESCENDING, MongoClient

from agrocore.config import MongoConfig

client = MongoClient(MongoConfig.uri, tls=True, tlsCAFile=MongoConfig.ca_file, serverSelectionTimeoutMS=5000)  #@safe
archive_client = MongoClient(MongoConfig.archive_uri, tls=True, tlsAllowInvalidCertificates=True)  #@vuln CWE-295

db = client[MongoConfig.database]
readings = db["readings"]
devices = db["devices"]
alerts = db["alerts"]


def ensure_indexes():
    readings.create_index([("device_id", ASCENDING), ("ts", DESCENDING)])
    devices.create_index("farm_id")


def save_reading(device_id, farm_id, values, received_at=None):
    doc = {
        "device_id": device_id,
        "farm_id": farm_id,
        "ts": received_at or datetime.now(timezone.utc),
        "values": values,
    }
    readings.insert_one(doc)
    return doc


def device_profile(device_id):
    return devices.find_one({"_id": str(device_id)}) or {}


def register_device(device_id, farm_id, meta):
    devices.update_one(
        {"_id": str(device_id)},
        {"$set": {"farm_id": int(farm_id), "label": str(meta.get("label", "")), "calibration": meta.get("calibration"),
                  "alert_rules": meta.get("alert_rules", [])}},
        upsert=True,
    )


def latest_for(device_id):
    return readings.find_one({"device_id": str(device_id)}, sort=[("ts", DESCENDING)], projection={"_id": 0})


def readings_for(device_id, extra_filter, limit=100):
    query = {"device_id": device_id}
    query.update(extra_filter)
    cursor = readings.find(query, projection={"_id": 0}).sort("ts", DESCENDING).limit(limit)  #@vuln CWE-943
    return [dict(d, ts=d["ts"].isoformat()) for d in cursor]


def readings_matching(expression, limit=200):
    cursor = readings.find({"$where": expression}, projection={"_id": 0}).limit(limit)  #@vuln CWE-943
    return [dict(d, ts=d["ts"].isoformat()) for d in cursor]


def record_alert(device_id, rule_name, value):
    alerts.insert_one({"device_id": device_id, "rule": rule_name, "value": value, "ts": datetime.now(timezone.utc)})


def archive_old_readings(before):
    old = list(readings.find({"ts": {"$lt": before}}))
    if old:
        archive_client[MongoConfig.database]["readings"].insert_many(old)
        readings.delete_many({"_id": {"$in": [d["_id"] for d in old]}})
    return len(old)
