"""Counter queue state kept in MongoDB (one document per issued ticket)."""
import json
import os
import time

from pymongo import ASCENDING, MongoClient

QUEUE_MONGO_URI = os.environ.get("QUEUE_MONGO_URI", "mongodb://queue-db.internal:27017")


class QueueStore:
    def __init__(self, uri=QUEUE_MONGO_URI):
        self.client = MongoClient(uri, serverSelectionTimeoutMS=2000)
        self.tickets = self.client["queue"]["tickets"]
        self.tickets.create_index([("branch", ASCENDING), ("issued_at", ASCENDING)])

    def issue(self, branch, service, display_name):
        count = self.tickets.count_documents({"branch": branch, "day": time.strftime("%Y-%m-%d")})
        code = f"{service[:1].upper()}{count + 1:03d}"
        self.tickets.insert_one(
            {
                "code": code,
                "branch": branch,
                "service": service,
                "display_name": display_name,
                "state": "waiting",
                "day": time.strftime("%Y-%m-%d"),
                "issued_at": time.time(),
            }
        )
        return code

    def by_code(self, branch, code):
        return self.tickets.find_one({"branch": str(branch), "code": str(code)}, {"_id": 0})  #@safe

    def waiting(self, branch, extra_filter=None):
        query = {"branch": branch, "state": "waiting"}
        if extra_filter:
            query.update(json.loads(extra_filter))
        return list(self.tickets.find(query, {"_id": 0}).sort("issued_at", ASCENDING))  #@vuln CWE-943

    def position(self, branch, code):
        ticket = self.by_code(branch, code)
        if not ticket:
            return None
        ahead = self.tickets.count_documents(
            {"branch": branch, "state": "waiting", "issued_at": {"$lt": ticket["issued_at"]}}
        )
        return ahead + 1

    def call_next(self, branch, counter):
        return self.tickets.find_one_and_update(
            {"branch": branch, "state": "waiting"},
            {"$set": {"state": "called", "counter": counter, "called_at": time.time()}},
            sort=[("issued_at", ASCENDING)],
            projection={"_id": 0},
        )
