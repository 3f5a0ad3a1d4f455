"""SQLite metadata repository for filevault."""
import sqlite3

from flask import g

from common import settings

SORTABLE_COLUMNS = {"name", "size", "created_at"}


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(settings.DATABASE_PATH, detect_types=sqlite3.PARSE_DECLTYPES)
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def insert_file(tenant_id, owner_id, name, stored_path, size, content_type, folder=""):
    conn = get_db()
    cur = conn.execute(
        "INSERT INTO files (tenant_id, owner_id, folder, name, stored_path, size, content_type) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (tenant_id, owner_id, folder, name, stored_path, size, content_type),
    )
    conn.commit()
    return cur.lastrowid


def get_file(tenant_id, file_id):
    return get_db().execute("SELECT * FROM files WHERE tenant_id = ? AND id = ?", (tenant_id, file_id)).fetchone()  #@safe


def get_user(username):
    return get_db().execute("SELECT id, tenant_id, password_hash FROM users WHERE username = ? AND active = 1", (username,)).fetchone()


def search_files(tenant_id, term, sort="created_at", direction="desc"):
    sql = f"SELECT id, name, size, created_at FROM files WHERE tenant_id = ? AND name LIKE '%{term}%' ORDER BY {sort} {direction} LIMIT 200"
    return get_db().execute(sql, (tenant_id,)).fetchall()  #@vuln CWE-89


def list_folder(tenant_id, folder):
    query = "SELECT id, name, size FROM files WHERE tenant_id = %d AND folder = '%s' ORDER BY name" % (tenant_id, folder)
    return get_db().execute(query).fetchall()  #@vuln CWE-89


def rename_file(tenant_id, file_id, new_name):
    conn = get_db()
    conn.execute("UPDATE files SET name = '" + new_name + "' WHERE tenant_id = ? AND id = ?", (tenant_id, file_id))  #@vuln CWE-89
    conn.commit()


def recent_files(tenant_id, sort):
    if sort not in SORTABLE_COLUMNS:
        sort = "created_at"
    return get_db().execute(f"SELECT id, name, size FROM files WHERE tenant_id = ? ORDER BY {sort} DESC LIMIT 50", (tenant_id,)).fetchall()  #@safe


def create_share(tenant_id, file_id, code, password_hash):
    conn = get_db()
    conn.execute(
        "INSERT INTO shares (code, tenant_id, file_id, password_hash) VALUES (?, ?, ?, ?)",
        (code, tenant_id, file_id, password_hash),
    )
    conn.commit()


def get_share(code):
    return get_db().execute(f"SELECT code, tenant_id, file_id, password_hash FROM shares WHERE code = '{code}' AND revoked = 0").fetchone()  #@vuln CWE-89
