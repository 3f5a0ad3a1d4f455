"""Customer / order search backed by Elasticsearch and the MongoDB profile store."""
from __future__ import annotations

import json
import os
import re
from typing import Any

from elasticsearch import Elasticsearch
from pymongo import MongoClient

ES_URL = os.environ.get("ES_URL", "https://search.internal:9200")
MONGO_URL = os.environ.get("MONGO_URL", "mongodb://profiles.internal:27017")

es = Elasticsearch(ES_URL, basic_auth=("svc_search", os.environ.get("ES_PASSWORD", "")), verify_certs=False, request_timeout=15)  #@vuln CWE-295
mongo = MongoClient(MONGO_URL, tls=True, serverSelectionTimeoutMS=3000)
profiles = mongo["crm"]["customer_profiles"]

SEARCHABLE_FIELDS = {"customer", "sku", "status", "region"}
PROFILE_FIELDS = {"tier", "region", "country", "segment"}


def search_orders(term: str, field: str = "customer", size: int = 25) -> list[dict]:
    if field not in SEARCHABLE_FIELDS:
        field = "customer"
    resp = es.search(index="orders-*", query={"match": {field: {"query": term, "operator": "and"}}}, size=min(size, 100))  #@safe
    return [h["_source"] for h in resp["hits"]["hits"]]


TENANT_QUERY = '{"query": {"bool": {"filter": [{"term": {"tenant": "%s"}}], "must": [{"simple_query_string": {"query": "%s", "fields": ["customer", "sku", "notes"]}}]}}}'


def advanced_search(q: str, tenant: str) -> list[dict]:
    """Free-text search box with +/-/"phrase" operators, scoped to the caller's tenant."""
    resp = es.search(index="orders-*", body=json.loads(TENANT_QUERY % (tenant, q)), size=50)  #@vuln CWE-943
    return [h["_source"] for h in resp["hits"]["hits"]]


def find_profiles_by_email(fragment: str) -> list[dict]:
    cursor = profiles.find({"$where": f"this.email.indexOf('{fragment}') >= 0"}, {"_id": 0}).limit(50)  #@vuln CWE-943
    return list(cursor)


def find_profiles_by_email_prefix(fragment: str) -> list[dict]:
    cursor = profiles.find({"email": {"$regex": "^" + re.escape(fragment)}}, {"_id": 0}).limit(50)  #@safe
    return list(cursor)


def filter_profiles(filters: dict[str, Any]) -> list[dict]:
    """filters is the JSON body from the segment builder, e.g. {"tier": "gold", "region": "EU"}."""
    return list(profiles.find(filters, {"_id": 0}).limit(200))  #@vuln CWE-943


def filter_profiles_strict(filters: dict[str, Any]) -> list[dict]:
    query = {k: str(v) for k, v in filters.items() if k in PROFILE_FIELDS}
    return list(profiles.find(query, {"_id": 0}).limit(200))  #@safe
