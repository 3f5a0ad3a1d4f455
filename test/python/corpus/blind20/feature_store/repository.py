from datetime import datetime, timezone
from typing import Any

from pymongo import ASCENDING, MongoClient

from .settings import settings

client = MongoClient(settings.mongo_uri, serverSelectionTimeoutMS=3000)
db = client[settings.db_name]
feature_sets = db["feature_sets"]
feature_values = db["feature_values"]


class FeatureSetRepo:
    def __init__(self, coll=feature_sets):
        self.coll = coll

    def find(self, filter_doc: dict, limit: int = 100) -> list[dict]:
        return list(self.coll.find(filter_doc, {"_id": 0}).limit(limit))  #@vuln CWE-943

    def by_owner(self, owner: str) -> list[dict]:
        return list(self.coll.find({"owner": str(owner)}, {"_id": 0}).sort("name", ASCENDING))  #@safe

    def larger_than(self, min_rows: str) -> list[dict]:
        return list(self.coll.find({"$where": f"this.row_count > {min_rows}"}, {"_id": 0}))  #@vuln CWE-943

    def summarize(self, pipeline: list[dict]) -> list[dict]:
        return list(self.coll.aggregate(pipeline))  #@vuln CWE-943

    def upsert(self, name: str, doc: dict[str, Any]) -> None:
        doc = {**doc, "name": name, "updated_at": datetime.now(timezone.utc)}
        self.coll.update_one({"name": name}, {"$set": doc}, upsert=True)


class FeatureValueRepo:
    def __init__(self, coll=feature_values):
        self.coll = coll

    def bulk_insert(self, docs: list[dict]) -> int:
        if not docs:
            return 0
        return len(self.coll.insert_many(docs, ordered=False).inserted_ids)
