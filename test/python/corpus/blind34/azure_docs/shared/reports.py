"""Document metadata lives in Azure SQL; this module wraps the queries and HTML fragments."""
import base64
import html
import os

import pyodbc
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

from . import blob_store

SQL_SERVER = os.environ.get("DOCS_SQL_SERVER", "acme-docs.database.windows.net")
SQL_USER = os.environ.get("DOCS_SQL_USER", "docs_app")
SQL_PASSWORD = os.environ.get("DOCS_SQL_PASSWORD") or blob_store.get_secret("docs-sql-password")  #@safe


def _connect():
    return pyodbc.connect(
        "DRIVER={ODBC Driver 18 for SQL Server};"
        f"SERVER=tcp:{SQL_SERVER},1433;DATABASE=docs;UID={SQL_USER};PWD={SQL_PASSWORD};"
        "Encrypt=yes;TrustServerCertificate=no;Connection Timeout=30;"
    )


def _rows(cursor):
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, r)) for r in cursor.fetchall()]


def search_documents(term, owner):
    with _connect() as conn:
        cur = conn.cursor()
        cur.execute(f"SELECT TOP 50 id, title, updated_at FROM documents WHERE owner = ? AND title LIKE '%{term}%' ORDER BY updated_at DESC", owner)  #@vuln CWE-89
        return _rows(cur)


def list_documents(owner, order_by="updated_at", direction="DESC"):
    sql = "SELECT id, title, updated_at, size_bytes FROM documents WHERE owner = ? ORDER BY %s %s" % (order_by, direction)
    with _connect() as conn:
        cur = conn.cursor()
        cur.execute(sql, owner)  #@vuln CWE-89
        return _rows(cur)


def get_document(doc_id, owner):
    with _connect() as conn:
        cur = conn.cursor()
        cur.execute("SELECT id, title, summary, blob_name FROM documents WHERE id = ? AND owner = ?", doc_id, owner)  #@safe
        rows = _rows(cur)
        return rows[0] if rows else None


def record_audit(owner, action, detail):
    with _connect() as conn:
        cur = conn.cursor()
        cur.execute("INSERT INTO audit_log (owner, action, detail, at) VALUES (?, ?, ?, SYSUTCDATETIME())", owner, action, detail[:400])
        conn.commit()


def results_page(rows, term):
    items = "".join(
        f"<li><a href='/api/docs/{int(r['id'])}/preview'>{html.escape(r['title'])}</a> <small>{r['updated_at']:%Y-%m-%d}</small></li>"
        for r in rows
    )
    return f"<html><body><h2>Results for &quot;{html.escape(term)}&quot;</h2><ul>{items}</ul></body></html>"


def export_token(doc_id, owner):
    """Opaque token the old desktop client passes back when downloading an export."""
    key = bytes.fromhex(blob_store.get_secret("export-token-key"))
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return base64.urlsafe_b64encode(cipher.encrypt(pad(f"{doc_id}|{owner}".encode("utf-8"), AES.block_size))).decode("ascii")
