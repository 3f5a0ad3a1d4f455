"""Product search backed by Elasticsearch."""
import logging

from elasticsearch import Elasticsearch
from flask import Blueprint, jsonify, render_template, request

from retail_common.config import ELASTICSEARCH_URL, PRODUCT_INDEX
from retail_common.db import get_conn

log = logging.getLogger(__name__)

bp = Blueprint("search", __name__)

ES_USER = "storefront_ro"
ES_PASSWORD = "Qm7!storefront-ro-2023"  #@vuln CWE-798
es = Elasticsearch(ELASTICSEARCH_URL, basic_auth=(ES_USER, ES_PASSWORD), verify_certs=False, request_timeout=5)  #@vuln CWE-295

PAGE_SIZE = 24
SORT_FIELDS = {"price": "price", "newest": "date_created", "rating": "rating", "name": "title.keyword"}

def _hits(res):
    return [{"id": h["_id"], **h["_source"]} for h in res["hits"]["hits"]]


@bp.get("/api/search")
def search():
    q = request.args.get("q", "")
    body = {
        "query": {"bool": {
            "must": {"multi_match": {"query": q, "fields": ["title^3", "brand^2", "description"]}},
            "filter": [{"term": {"visible": True}}],
        }},
        "from": (max(request.args.get("page", 1, type=int), 1) - 1) * PAGE_SIZE, "size": PAGE_SIZE,
    }
    res = es.search(index=PRODUCT_INDEX, body=body)  #@safe
    return jsonify({"total": res["hits"]["total"]["value"], "hits": _hits(res)})


@bp.get("/api/search/advanced")
def advanced_search():
    """Power users can type e.g. brand:Haws AND colour:green."""
    q = request.args.get("q", "*")
    body = {"query": {"query_string": {"query": f"({q}) AND visible:true", "default_field": "title"}}, "size": PAGE_SIZE}
    res = es.search(index=PRODUCT_INDEX, body=body)  #@vuln CWE-943
    return jsonify({"hits": _hits(res)})


@bp.get("/api/search/ranked")
def ranked_search():
    """A/B test of ranking formulas; the formula comes from the experiment config in the client."""
    q = request.args.get("q", "")
    formula = request.args.get("formula", "_score")
    body = {"query": {"function_score": {
        "query": {"match": {"title": q}},
        "script_score": {"script": {"source": formula, "lang": "painless"}},
    }}, "size": PAGE_SIZE}
    res = es.search(index=PRODUCT_INDEX, body=body)  #@vuln CWE-943|CWE-94
    return jsonify({"hits": _hits(res)})


@bp.get("/api/search/sorted")
def sorted_search():
    q = request.args.get("q", "")
    sort_field = SORT_FIELDS.get(request.args.get("sort", "price"), "price")
    order = "asc" if request.args.get("order") == "asc" else "desc"
    body = {"query": {"match": {"title": q}}, "sort": [{sort_field: {"order": order}}], "size": PAGE_SIZE}
    res = es.search(index=PRODUCT_INDEX, body=body)  #@safe
    return jsonify({"hits": _hits(res)})


@bp.get("/search")
def search_page():
    """No-JS fallback page."""
    q = request.args.get("q", "")
    res = es.search(index=PRODUCT_INDEX, body={"query": {"match": {"title": q}}, "size": PAGE_SIZE})
    hits = _hits(res)
    if not hits:
        return f"<p class='no-results'>Sorry, nothing found for “{q}”.</p>", 404  #@vuln CWE-79
    return render_template("search/results.html", q=q, hits=hits)


@bp.get("/api/suggest")
def suggest():
    prefix = request.args.get("prefix", "")
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT title FROM catalogue_product WHERE title ILIKE %s ORDER BY title LIMIT 10", (prefix + "%",))
        return jsonify([r[0] for r in cur.fetchall()])
