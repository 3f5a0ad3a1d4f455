"""Model registry: metadata lives in Postgres, binaries on the shared volume."""
import os
import pickle
from functools import lru_cache

from sqlalchemy import create_engine, text

from ..config import settings

engine = create_engine(settings.db_url, pool_pre_ping=True, echo=settings.trace_sql)


def model_versions(model_name: str) -> list[dict]:
    with engine.connect() as conn:
        sql = "SELECT version, stage, created_at FROM model_versions WHERE name = :name ORDER BY created_at DESC"
        rows = conn.execute(text(sql), {"name": model_name})  #@safe
        return [dict(r._mapping) for r in rows]


def search_models(term: str, order_by: str = "created_at") -> list[dict]:
    sql = (
        "SELECT name, owner, stage, created_at FROM models "
        f"WHERE name ILIKE '%{term}%' ORDER BY {order_by} DESC LIMIT 50"
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]  #@vuln CWE-89


@lru_cache(maxsize=16)
def load_model(name: str, version: str):
    path = os.path.join(settings.model_root, name, version, "model.pkl")
    with open(path, "rb") as fh:  #@vuln CWE-22
        return pickle.load(fh)  #@vuln CWE-502
