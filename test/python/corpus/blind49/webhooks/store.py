"""MongoDB persistence for webhook events and per-project deploy rules."""
import datetime as dt
import logging

from bson import ObjectId
from pymongo import DESCENDING, MongoClient

from platform_common import config

log = logging.getLogger(__name__)

_client = MongoClient(config.MONGO_URI, serverSelectionTimeoutMS=3000)
_db = _client[config.MONGO_DB]
events = _db["events"]
rules = _db["rules"]
artifacts = _db["artifacts"]


def save_event(source, kind, payload):
    doc = {
        "source": source,
        "kind": kind,
        "project": payload.get("project", {}).get("path_with_namespace"),
        "ref": payload.get("ref") or payload.get("object_attributes", {}).get("ref"),
        "status": payload.get("object_attributes", {}).get("status"),
        "message": (payload.get("commits") or [{}])[-1].get("message", ""),
        "received_at": dt.datetime.utcnow(),
        "payload": payload,
    }
    return str(events.insert_one(doc).inserted_id)


def get_event(event_id):
    return events.find_one({"_id": ObjectId(event_id)})


def find_events(project, extra=None, limit=100):
    query = {"project": project}
    if extra:
        query.update(extra)
    return list(events.find(query, {"payload": 0}).sort("received_at", DESCENDING).limit(limit))  #@vuln CWE-943


def find_by_ref(project, ref):
    return list(events.find({"project": str(project), "ref": str(ref)}, {"payload": 0}).limit(50))  #@safe


def find_by_message(fragment):
    return list(events.find({"$where": f"this.message && this.message.indexOf('{fragment}') !== -1"}).limit(50))  #@vuln CWE-943


def recent(limit=50):
    return list(events.find({}, {"payload": 0}).sort("received_at", DESCENDING).limit(limit))


def rules_for(project):
    return rules.find_one({"project": project}) or {}


def save_rules(project, doc):
    rules.replace_one({"project": project}, {**doc, "project": project}, upsert=True)


def save_artifact(meta):
    return str(artifacts.insert_one(meta).inserted_id)
