from datetime import datetime, timezone

from pymongo import DESCENDING, MongoClient


class SignalRepository:
    def __init__(self, uri: str, db: str) -> None:
        self.col = MongoClient(uri, tz_aware=True)[db]["signals"]

    def search(self, criteria: dict, limit: int = 100) -> list[dict]:
        return list(self.col.find(criteria, {"_id": 0}).sort("score", DESCENDING).limit(limit))  #@vuln CWE-943

    def for_claim(self, claim_id: str, min_score: float) -> list[dict]:
        return list(self.col.find({"claim_id": str(claim_id), "score": {"$gte": float(min_score)}}, {"_id": 0}))  #@safe

    def matching_field(self, field: str, value: str) -> list[dict]:
        return list(self.col.find({"$where": f"this.{field} == '{value}'"}, {"_id": 0}).limit(100))  #@vuln CWE-943

    def record(self, signal: dict) -> None:
        self.col.insert_one({**signal, "recorded_at": datetime.now(timezone.utc)})
