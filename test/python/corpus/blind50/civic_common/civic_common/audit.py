"""Audit trail stored in MongoDB (append-only collection, 7 year retention)."""
import datetime
import logging

from django.conf import settings
from pymongo import DESCENDING, MongoClient

log = logging.getLogger(__name__)

AUDIT_ACTIONS = {"view", "update", "bulk_update", "export", "letter", "login", "logout"}

_client = None


def _events():
    global _client
    if _client is None:
        _client = MongoClient(settings.AUDIT_MONGO_URI, tz_aware=True)
    return _client["casework_audit"]["events"]


def record(actor, action, case_id=None, **detail):
    doc = {
        "ts": datetime.datetime.now(datetime.timezone.utc),
        "actor": actor,
        "action": action,
        "case_id": case_id,
        "detail": detail,
    }
    try:
        _events().insert_one(doc)
    except Exception:  # audit must never break the caller
        log.exception("audit write failed: %s", doc)


def events_for_actor(actor, action=None, limit=200):
    query = {"actor": str(actor)}
    if action in AUDIT_ACTIONS:
        query["action"] = action
    return list(_events().find(query).sort("ts", DESCENDING).limit(limit)) #@safe


def search_events(actor_expr, days=30, limit=200):
    """Supervisor search; actor_expr supports partial names like 'smith'."""
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)
    js = f"this.actor.indexOf('{actor_expr}') >= 0"
    query = {"ts": {"$gte": since}, "$where": js}
    return list(_events().find(query).sort("ts", DESCENDING).limit(limit)) #@vuln CWE-943
