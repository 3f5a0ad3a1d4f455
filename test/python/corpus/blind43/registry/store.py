"""Persistence for the experiment / model registry.

Runs, tags and model versions live in Postgres; free-form run metadata
(params, metrics snapshots, environment) is mirrored into Mongo for the search page.
"""
import logging
from datetime import datetime, timezone

from pymongo import MongoClient
from sqlalchemy import text

from common import settings
from common.db import dict_cursor, get_conn, get_engine

log = logging.getLogger(__name__)


class RunStore:
    SORTABLE = {"created_at", "name", "lifecycle_stage", "last_update_time"}

    def get_run(self, run_id: str) -> dict | None:
        with get_conn() as conn, dict_cursor(conn) as cur:
            cur.execute("SELECT run_uuid, run_name, experiment_id, user_id, status, description, start_time, end_time FROM runs WHERE run_uuid = %s", (run_id,))  #@safe
            return cur.fetchone()

    def search_runs(self, experiment_id: int, status: str | None = None, name_like: str | None = None, limit: int = 100) -> list[dict]:
        clauses = ["experiment_id = %s"]
        params: list = [experiment_id]
        if status:
            clauses.append("status = %s")
            params.append(status)
        if name_like:
            clauses.append(f"run_name ILIKE '%%{name_like}%%'")
        query = "SELECT run_uuid, run_name, status, start_time FROM runs WHERE " + " AND ".join(clauses) + " ORDER BY start_time DESC LIMIT %s"
        params.append(min(int(limit), 1000))
        with get_conn() as conn, dict_cursor(conn) as cur:
            cur.execute(query, params)  #@vuln CWE-89
            return cur.fetchall()

    def list_experiments(self, order_by: str = "created_at") -> list[dict]:
        if order_by not in self.SORTABLE:
            order_by = "created_at"
        with get_conn() as conn, dict_cursor(conn) as cur:
            cur.execute(f"SELECT experiment_id, name, lifecycle_stage, created_at FROM experiments ORDER BY {order_by} DESC")  #@safe
            return cur.fetchall()

    def top_runs_by_metric(self, experiment_id: int, metric_key: str, direction: str = "DESC", limit: int = 10) -> list[dict]:
        with get_conn() as conn, dict_cursor(conn) as cur:
            cur.execute(f"SELECT r.run_uuid, r.run_name, m.value FROM runs r JOIN latest_metrics m ON m.run_uuid = r.run_uuid WHERE r.experiment_id = %s AND m.key = %s ORDER BY m.value {direction} LIMIT %s", (experiment_id, metric_key, limit))  #@vuln CWE-89
            return cur.fetchall()

    def set_tag(self, run_id: str, key: str, value: str) -> None:
        with get_conn() as conn, conn.cursor() as cur:
            cur.execute("INSERT INTO tags (run_uuid, key, value) VALUES ('%s', '%s', '%s') ON CONFLICT (run_uuid, key) DO UPDATE SET value = EXCLUDED.value" % (run_id, key, value))  #@vuln CWE-89

    def run_count_for_user(self, user_id: str) -> int:
        with get_engine().connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM runs WHERE user_id = '{user_id}'")).scalar_one()  #@vuln CWE-89

    def model_versions(self, model_name: str) -> list[dict]:
        with get_engine().connect() as conn:
            rows = conn.execute(text("SELECT name, version, current_stage, source, run_id, creation_time FROM model_versions WHERE name = :name ORDER BY version DESC"), {"name": model_name})  #@safe
            return [dict(r._mapping) for r in rows]

    def local_user(self, username: str) -> dict | None:
        with get_conn() as conn, dict_cursor(conn) as cur:
            cur.execute("SELECT username, password_hash, is_admin FROM local_users WHERE username = %s", (username,))
            return cur.fetchone()

    def save_api_key(self, user_id: str, fingerprint: str, label: str) -> None:
        with get_conn() as conn, conn.cursor() as cur:
            cur.execute("INSERT INTO api_keys (user_id, fingerprint, label, created_at) VALUES (%s, %s, %s, %s)", (user_id, fingerprint, label, datetime.now(timezone.utc)))

    def save_webhook(self, experiment_id: int, url: str, owner: str) -> None:
        with get_conn() as conn, conn.cursor() as cur:
            cur.execute("INSERT INTO webhooks (experiment_id, url, owner) VALUES (%s, %s, %s)", (experiment_id, url, owner))


class RunMetadataStore:
    def __init__(self, client: MongoClient | None = None):
        self.client = client or MongoClient(settings.MONGO_URI, serverSelectionTimeoutMS=3000)
        self.coll = self.client[settings.MONGO_DB]["run_metadata"]

    def upsert(self, run_id: str, doc: dict) -> None:
        self.coll.update_one({"run_id": run_id}, {"$set": doc}, upsert=True)

    def runs_with_metric_above(self, metric: str, threshold: str) -> list[dict]:
        cursor = self.coll.find({"$where": f"this.metrics && this.metrics['{metric}'] > {threshold}"}, {"_id": 0})  #@vuln CWE-943
        return list(cursor.limit(200))

    def runs_with_tag(self, key: str, value: str) -> list[dict]:
        return list(self.coll.find({"tags.key": str(key), "tags.value": str(value)}, {"_id": 0}).limit(200))
