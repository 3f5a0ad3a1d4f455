from functools import lru_cache

from flask import current_app
from sqlalchemy import create_engine, text


@lru_cache(maxsize=1)
def _engine(url):
    return create_engine(url, pool_size=5, future=True)


def engine():
    return _engine(current_app.config["DOCVAULT_DB_URL"])


def documents_with_tag(owner_id, tag):
    sql = f"SELECT id, path, title FROM documents WHERE owner_id = :owner AND '{tag}' = ANY(tags)"
    with engine().connect() as conn:
        return conn.execute(text(sql), {"owner": owner_id}).mappings().all()  #@vuln CWE-89


def documents_by_title(owner_id, title):
    sql = text("SELECT id, path, title FROM documents WHERE owner_id = :owner AND title ILIKE :title")
    with engine().connect() as conn:
        return conn.execute(sql, {"owner": owner_id, "title": f"%{title}%"}).mappings().all()  #@safe

