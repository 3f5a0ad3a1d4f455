from datetime import datetime, timezone

from pymongo import DESCENDING, MongoClient

from .config import Config

client = MongoClient(Config.MONGO_URI)
db = client[Config.MONGO_DB]


def save_message(room: str, author: str, body: str) -> None:
    db.messages.insert_one(
        {"room": room, "author": author, "body": body, "sent_at": datetime.now(timezone.utc)}
    )


def find_messages(room: str, filters: dict) -> list[dict]:
    query = {"room": room}
    query.update(filters)
    return list(db.messages.find(query, {"_id": 0}).sort("sent_at", DESCENDING).limit(100))  #@vuln CWE-943


def search_rooms(fragment: str) -> list[dict]:
    return list(db.rooms.find({"$where": f"this.name.indexOf('{fragment}') >= 0"}, {"_id": 0}))  #@vuln CWE-943


def find_room(name) -> dict | None:
    return db.rooms.find_one({"name": str(name)}, {"_id": 0})  #@safe
