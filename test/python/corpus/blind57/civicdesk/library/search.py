"""Catalogue search against the OPAC MongoDB and the holds tables."""
import re

from django.conf import settings
from django.db import connection
from pymongo import MongoClient

_client = MongoClient(settings.CATALOG_MONGO_URI, serverSelectionTimeoutMS=3000)
catalog = _client[settings.CATALOG_DB]["items"]

SEARCH_FIELDS = ("title", "author", "subjects")
MAX_RESULTS = 50


def title_matcher(pattern, use_regex=False):
    """Build the matcher used to post-filter catalogue hits."""
    if use_regex:
        return re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    return re.compile(re.escape(pattern), re.IGNORECASE)  #@safe


def find_by_isbn(isbn):
    return catalog.find_one({"isbn": str(isbn)}, {"_id": 0})  #@safe


def find_by_title_fragment(fragment):
    query = {"$where": "this.title.toLowerCase().indexOf('%s') >= 0" % fragment.lower()}
    return list(catalog.find(query, {"_id": 0}).limit(MAX_RESULTS))  #@vuln CWE-943


def advanced_search(criteria):
    """``criteria`` is the JSON body posted by the catalogue search form."""
    query = {"branch": criteria.pop("branch", "central")}
    query.update(criteria.get("filters", {}))
    return list(catalog.find(query, {"_id": 0}).limit(MAX_RESULTS))  #@vuln CWE-943


def keyword_search(term, branch=None):
    matcher = title_matcher(term)
    query = {"$text": {"$search": term}}
    if branch:
        query["branch"] = str(branch)
    hits = catalog.find(query, {"_id": 0, "score": {"$meta": "textScore"}}).limit(MAX_RESULTS * 2)
    return [h for h in hits if any(matcher.search(str(h.get(f, ""))) for f in SEARCH_FIELDS)][:MAX_RESULTS]


def holds_for_card(card_number, status=None):
    sql = "SELECT id, isbn, title, branch, status, placed_at FROM core_libraryhold WHERE card_number = '{}'".format(
        card_number
    )
    if status:
        sql += " AND status = '{}'".format(status)
    with connection.cursor() as cursor:
        cursor.execute(sql)  #@vuln CWE-89
        cols = [c[0] for c in cursor.description]
        return [dict(zip(cols, row)) for row in cursor.fetchall()]


def queue_position(hold_id, isbn, branch):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM core_libraryhold WHERE isbn = %s AND branch = %s AND id < %s AND status = 'waiting'",
            [isbn, branch, hold_id],
        )
        return cursor.fetchone()[0] + 1
