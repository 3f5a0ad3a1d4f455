"""OpenSearch access for the review index and the Elasticsearch archive cluster."""
from __future__ import annotations

from functools import lru_cache

from elasticsearch import Elasticsearch
from opensearchpy import OpenSearch

from lexvault.common.settings import get_settings

settings = get_settings()

INDEX_PREFIX = "lv-matter-"
SEARCH_FIELDS = ["body", "subject^3", "filename^2", "custodian"]
SORTABLE_FIELDS = {"date_sent", "custodian.keyword", "doc_type", "bates_begin", "_score"}


@lru_cache
def get_client() -> OpenSearch:
    return OpenSearch(hosts=settings.opensearch_hosts, http_auth=(settings.opensearch_user, settings.opensearch_password), use_ssl=True, verify_certs=True, ca_certs=settings.opensearch_ca_bundle)  #@safe


@lru_cache
def get_archive_client() -> Elasticsearch:
    return Elasticsearch(settings.archive_es_url, api_key=settings.archive_es_api_key, verify_certs=False, ssl_show_warn=False)  #@vuln CWE-295


def index_for(matter_id: int) -> str:
    return f"{INDEX_PREFIX}{int(matter_id)}"


def build_search_body(text: str, custodians: list[str] | None = None, sort: str | None = None,
                      page: int = 0, size: int = 50, include_withheld: bool = False) -> dict:
    filters: list[dict] = []
    if custodians:
        filters.append({"terms": {"custodian.keyword": custodians}})
    must_not = [] if include_withheld else [{"term": {"privilege_status": "withheld"}}]
    body: dict = {
        "query": {
            "bool": {
                "must": [{"simple_query_string": {"query": text, "fields": SEARCH_FIELDS, "default_operator": "and"}}],
                "filter": filters,
                "must_not": must_not,
            }
        },
        "from": max(page, 0) * size,
        "size": min(size, 200),
        "highlight": {"fields": {"body": {"fragment_size": 180, "number_of_fragments": 3}}},
        "_source": ["bates_begin", "bates_end", "custodian", "subject", "date_sent", "doc_type", "filename"],
    }
    if sort in SORTABLE_FIELDS:
        body["sort"] = [{sort: {"order": "desc"}}]
    return body


def hits_to_rows(result: dict) -> list[dict]:
    rows = []
    for hit in result.get("hits", {}).get("hits", []):
        row = dict(hit.get("_source", {}))
        row["id"] = hit["_id"]
        row["score"] = hit.get("_score")
        row["highlights"] = hit.get("highlight", {}).get("body", [])
        rows.append(row)
    return rows


def index_document(matter_id: int, document_id: int, fields: dict) -> None:
    get_client().index(index=index_for(matter_id), id=str(document_id), body=fields, refresh=False)
