"""Raw SQL for the reporting screens; the ORM was too slow for these aggregates."""
from sqlalchemy import text

from backoffice.extensions import db

SORTABLE_COLUMNS = {"issued_at", "due_at", "amount_cents", "customer_name", "status", "number"}


def invoices_for_tenant(tenant_id, status=None, sort="issued_at", direction="desc"):
    sql = (
        "SELECT id, number, customer_name, amount_cents, currency, status, issued_at, due_at "
        "FROM invoices WHERE tenant_id = :tid"
    )
    params = {"tid": tenant_id}
    if status:
        sql += " AND status = :status"
        params["status"] = status
    if sort not in SORTABLE_COLUMNS:
        sort = "issued_at"
    direction = "ASC" if (direction or "").lower() == "asc" else "DESC"
    sql += f" ORDER BY {sort} {direction}"
    return db.session.execute(text(sql), params).mappings().all()  #@safe


def revenue_by_month(tenant_id, year, currency):
    sql = f"""
        SELECT date_trunc('month', issued_at) AS month, SUM(amount_cents) AS total
        FROM invoices
        WHERE tenant_id = {tenant_id}
          AND currency = '{currency}'
          AND extract(year FROM issued_at) = {year}
        GROUP BY 1 ORDER BY 1
    """
    return db.session.execute(text(sql)).mappings().all()  #@vuln CWE-89


def top_customers(tenant_id, limit):
    sql = (
        "SELECT customer_name, COUNT(*) AS invoices, SUM(amount_cents) AS total "
        "FROM invoices WHERE tenant_id = :tid GROUP BY customer_name ORDER BY total DESC "
        f"LIMIT {limit}"
    )
    return db.session.execute(text(sql), {"tid": tenant_id}).mappings().all()  #@vuln CWE-89


def search_customers(tenant_id, term):
    return db.session.execute(text("SELECT DISTINCT customer_name FROM invoices WHERE tenant_id = :tid AND customer_name ILIKE :term ORDER BY 1 LIMIT 50"), {"tid": tenant_id, "term": f"%{term}%"}).all()  #@safe


def aging_report(tenant_id, days):
    conn = db.engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute("SELECT customer_name, COUNT(*), SUM(amount_cents) FROM invoices WHERE tenant_id = %s AND status = 'open' AND due_at < now() - (%s * interval '1 day') GROUP BY customer_name", (tenant_id, days))  #@safe
        return cur.fetchall()
    finally:
        conn.close()


def export_rows(tenant_id, columns, where_clause):
    """Backs the "custom export" builder: the user picks columns and types a filter."""
    col_sql = ", ".join(columns)
    conn = db.engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute("SELECT %s FROM invoices WHERE tenant_id = %d AND (%s)" % (col_sql, tenant_id, where_clause))  #@vuln CWE-89
        return cur.fetchall()
    finally:
        conn.close()


def bulk_update_status(tenant_id, invoice_ids, status):
    ids = ",".join(str(i) for i in invoice_ids)
    db.session.execute(text(f"UPDATE invoices SET status = '{status}' WHERE tenant_id = {tenant_id} AND id IN ({ids})"))  #@vuln CWE-89
    db.session.commit()


def find_user_by_email(email):
    return db.session.execute(text("SELECT id, tenant_id, email, role FROM users WHERE lower(email) = lower(:e)"), {"e": email}).first()  #@safe


def audit_search(tenant_id, actor=None, action_prefix=None):
    sql = "SELECT actor_email, action, target, created_at FROM audit_log WHERE tenant_id = " + str(tenant_id)
    if actor:
        sql += " AND actor_email = '" + actor + "'"
    if action_prefix:
        sql += " AND action LIKE '" + action_prefix + "%'"
    return db.session.execute(text(sql + " ORDER BY created_at DESC LIMIT 200")).all()  #@vuln CWE-89
