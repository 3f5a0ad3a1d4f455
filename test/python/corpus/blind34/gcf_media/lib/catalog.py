"""Media catalog: BigQuery for analytics-style search, Firestore for asset documents."""
import os

from google.cloud import bigquery, firestore
from google.cloud.firestore_v1.base_query import FieldFilter

DATASET = os.environ.get("MEDIA_DATASET", "acme-media-prod.catalog")

_bq = bigquery.Client()
_db = firestore.Client()


def _table(name):
    return f"`{DATASET}.{name}`"


def search_assets(term, sort, limit=25):
    limit = max(1, min(int(limit), 200))
    sql = (
        f"SELECT asset_id, title, duration_s, owner FROM {_table('assets')} "
        f"WHERE LOWER(title) LIKE '%{term.lower()}%' ORDER BY {sort} LIMIT {limit}"
    )
    return [dict(r) for r in _bq.query(sql).result()]  #@vuln CWE-89


def views_for_asset(asset_id, days=30):
    sql = f"SELECT DATE(ts) AS day, COUNT(*) AS views FROM {_table('play_events')} WHERE asset_id = '{asset_id}' AND ts > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL {int(days)} DAY) GROUP BY day ORDER BY day"
    return [dict(r) for r in _bq.query(sql).result()]  #@vuln CWE-89


def assets_by_owner(owner, limit=50):
    job_config = bigquery.QueryJobConfig(query_parameters=[bigquery.ScalarQueryParameter("owner", "STRING", owner), bigquery.ScalarQueryParameter("lim", "INT64", int(limit))])
    sql = f"SELECT asset_id, title, duration_s FROM {_table('assets')} WHERE owner = @owner ORDER BY title LIMIT @lim"
    return [dict(r) for r in _bq.query(sql, job_config=job_config).result()]  #@safe


def get_asset(asset_id):
    snap = _db.collection("assets").document(asset_id).get()
    return snap.to_dict() if snap.exists else None


def assets_with_tag(tag, limit=50):
    query = _db.collection("assets").where(filter=FieldFilter("tags", "array_contains", tag)).limit(limit)
    return [d.to_dict() for d in query.stream()]


def save_asset(asset_id, data):
    _db.collection("assets").document(asset_id).set(data, merge=True)
