from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from motor.motor_asyncio import AsyncIOMotorClient


@dataclass
class Event:
    tenant: str
    actor: str
    kind: str
    payload: dict = field(default_factory=dict)
    ts: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


class EventStore:
    def __init__(self, url):
        self.client = AsyncIOMotorClient(url)
        self.db = self.client.get_default_database()

    async def insert(self, event: Event):
        result = await self.db.events.insert_one(asdict(event))
        return str(result.inserted_id)

    async def search(self, tenant, filters, limit=100):
        query = {**filters, "tenant": tenant}
        cursor = self.db.events.find(query).sort("ts", -1).limit(limit)  #@vuln CWE-943
        return await cursor.to_list(length=limit)

    async def by_actor(self, tenant, actor, limit=100):
        cursor = self.db.events.find({"tenant": tenant, "actor": str(actor)}).sort("ts", -1).limit(limit)  #@safe
        return await cursor.to_list(length=limit)

    async def by_amount(self, tenant, comparison):
        cursor = self.db.events.find({"tenant": tenant, "$where": f"this.payload.amount {comparison}"})  #@vuln CWE-943
        return await cursor.to_list(length=500)

    async def close(self):
        self.client.close()
