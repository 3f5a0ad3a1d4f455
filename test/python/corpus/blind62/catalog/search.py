"""Search index for catalog entries, kept in MongoDB next to the SQL catalog."""
import re
from datetime import datetime, timezone

from pymongo import ASCENDING, MongoClient, TEXT

_client = None


def _entries(cfg):
    global _client
    if _client is None:
        _client = MongoClient(cfg["MONGO_URI"], tz_aware=True)
    coll = _client[cfg["MONGO_DB"]]["entries"]
    return coll


def ensure_indexes(cfg):
    coll = _entries(cfg)
    coll.create_index([("title", TEXT), ("description", TEXT)])
    coll.create_index([("project", ASCENDING), ("owner", ASCENDING)])


def index_dataset(cfg, dataset, summary):
    doc = {
        "_id": dataset.id,
        "title": dataset.title,
        "description": dataset.description,
        "owner": dataset.owner,
        "project": dataset.project_id,
        "public": bool(dataset.is_public),
        "format": summary.get("format"),
        "variables": summary.get("variables", []),
        "size_bytes": dataset.size_bytes or 0,
        "indexed_at": datetime.now(timezone.utc),
    }
    _entries(cfg).replace_one({"_id": dataset.id}, doc, upsert=True)


def by_variable(cfg, variable_name):
    return list(_entries(cfg).find({"variables.name": {"$eq": str(variable_name)}, "public": True}).limit(100))  #@safe


def title_contains(cfg, term):
    query = {"title": {"$regex": re.escape(term), "$options": "i"}, "public": True}
    return list(_entries(cfg).find(query).limit(100))  #@safe


def faceted(cfg, filters):
    """filters is the JSON body posted by the catalog's facet sidebar."""
    query = {"public": True}
    query.update(filters)
    return list(_entries(cfg).find(query).limit(200))  #@vuln CWE-943


def owned_by(cfg, owner, project_id):
    return list(_entries(cfg).find({"owner": owner, "project": project_id}))  #@vuln CWE-943


def larger_than(cfg, min_bytes, fmt):
    clause = "this.size_bytes >= " + min_bytes + " && this.format == '" + fmt + "'"
    return list(_entries(cfg).find({"$where": clause, "public": True}).limit(200))  #@vuln CWE-943


def remove(cfg, dataset_id):
    _entries(cfg).delete_one({"_id": int(dataset_id)})
