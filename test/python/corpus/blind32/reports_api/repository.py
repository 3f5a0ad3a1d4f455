"""Data access for the reports API."""
from common import db


def find_user(username):
    with db.cursor() as cur:
        cur.execute("SELECT id, username, password_hash, role FROM users WHERE username = ?", (username,))
        row = cur.fetchone()
        return dict(row) if row else None


def get_report(report_id):
    with db.cursor() as cur:
        cur.execute("SELECT * FROM reports WHERE id = ?", (report_id,))  #@safe
        row = cur.fetchone()
        return dict(row) if row else None


def list_reports(owner, status=None, sort="created_at", direction="desc", limit=50):
    sql = "SELECT id, title, status, region, created_at FROM reports WHERE owner = ?"
    params = [owner]
    if status:
        sql += " AND status = ?"
        params.append(status)
    sql += db.order_clause(sort, direction)
    sql += " LIMIT ?"
    params.append(int(limit))
    with db.cursor() as cur:
        cur.execute(sql, params)  #@safe
        return db.rows_to_dicts(cur.fetchall())


def search_reports(term, region=None):
    query = "SELECT id, title, region, status FROM reports WHERE title LIKE '%" + term + "%'"
    if region:
        query += f" AND region = '{region}'"
    with db.cursor() as cur:
        cur.execute(query)  #@vuln CWE-89
        return db.rows_to_dicts(cur.fetchall())


def report_totals(group_by):
    with db.cursor() as cur:
        cur.execute(f"SELECT {group_by}, SUM(amount) AS total FROM sales GROUP BY {group_by} ORDER BY total DESC")  #@vuln CWE-89
        return db.rows_to_dicts(cur.fetchall())


def create_report(owner, title, region, definition):
    with db.cursor() as cur:
        cur.execute("INSERT INTO reports (owner, title, region, definition, status, created_at) VALUES (?, ?, ?, ?, 'draft', datetime('now'))", (owner, title, region, definition))
        return cur.lastrowid


def update_status(report_id, status):
    with db.cursor() as cur:
        cur.execute("UPDATE reports SET status = '%s' WHERE id = %d" % (status, report_id))  #@vuln CWE-89
        return cur.rowcount


def delete_reports(owner, ids_csv):
    with db.cursor() as cur:
        cur.execute(f"DELETE FROM reports WHERE owner = ? AND id IN ({ids_csv})", (owner,))  #@vuln CWE-89
        return cur.rowcount


def bulk_insert_sales(owner, rows):
    records = [(owner, r.get("region"), r.get("customer"), float(r.get("amount", 0)), r.get("created_at")) for r in rows if isinstance(r, dict)]
    with db.cursor() as cur:
        cur.executemany("INSERT INTO sales (owner, region, customer, amount, created_at) VALUES (?, ?, ?, ?, ?)", records)  #@safe
        cur.execute("INSERT INTO import_log (owner, n_rows, created_at) VALUES (?, ?, datetime('now'))", (owner, len(records)))
    return len(records)
