"""Conversation memory backed by MongoDB."""
import datetime as dt
import os

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import DESCENDING, MongoClient

_client = MongoClient(os.environ.get("MONGO_URL", "mongodb://mongo:27017"), serverSelectionTimeoutMS=3000)
_db = _client[os.environ.get("MONGO_DB", "assistant")]
conversations = _db["conversations"]
ALLOWED_FILTER_FIELDS = {"status", "persona", "tags"}


def create_conversation(user_id: str, persona: str, title: str) -> str:
    doc = {"user_id": user_id, "persona": persona, "title": title, "status": "open", "messages": [], "created_at": dt.datetime.utcnow()}
    return str(conversations.insert_one(doc).inserted_id)


def append_message(conv_id: str, role: str, content: str, tool_name: str = None):
    msg = {"role": role, "content": content, "tool": tool_name, "ts": dt.datetime.utcnow()}
    conversations.update_one({"_id": ObjectId(conv_id)}, {"$push": {"messages": msg}})


def get_conversation(conv_id: str, user_id: str):
    try:
        oid = ObjectId(conv_id)
    except InvalidId:
        return None
    return conversations.find_one({"_id": oid, "user_id": user_id})


def list_conversations(user_id: str, filters: dict):
    query = {"user_id": user_id}
    query.update(filters or {})
    return list(conversations.find(query, {"messages": 0}).sort("created_at", DESCENDING).limit(50))  #@vuln CWE-943


def list_conversations_filtered(user_id: str, filters: dict):
    query = {"user_id": user_id}
    for k, v in (filters or {}).items():
        if k in ALLOWED_FILTER_FIELDS and isinstance(v, str):
            query[k] = v
    return list(conversations.find(query, {"messages": 0}).limit(50))  #@safe


def search_titles(user_id: str, term: str):
    js = f"this.user_id == '{user_id}' && this.title.toLowerCase().indexOf('{term.lower()}') >= 0"
    return list(conversations.find({"$where": js}, {"title": 1}).limit(20))  #@vuln CWE-943
