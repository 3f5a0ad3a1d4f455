from datetime import datetime, timezone

from pymongo import DESCENDING, MongoClient

from . import config

_client = MongoClient(config.MONGO_URI, tz_aware=True)


class AuditRepository:
    def __init__(self, client: MongoClient = _client):
        self.events = client["ops"]["audit_events"]

    def record(self, tenant_id: str, actor: str, kind: str, data: dict) -> None:
        self.events.insert_one({
            "tenant_id": tenant_id,
            "actor": actor,
            "kind": kind,
            "data": data,
            "at": datetime.now(timezone.utc),
        })

    def search(self, filters: dict, limit: int = 100) -> list[dict]:
        cursor = self.events.find(filters, {"_id": 0}).sort("at", DESCENDING).limit(limit)  #@vuln CWE-943
        return list(cursor)

    def by_actor(self, actor: str) -> list[dict]:
        return list(self.events.find({"$where": f"this.actor == '{actor}'"}, {"_id": 0}))  #@vuln CWE-943

    def by_tenant(self, tenant_id: str, kinds: list[str]) -> list[dict]:
        query = {"tenant_id": str(tenant_id), "kind": {"$in": [str(k) for k in kinds]}}
        return list(self.events.find(query, {"_id": 0}).limit(500))  #@safe
