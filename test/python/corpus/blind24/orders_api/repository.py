"""Data access for orders. Raw SQL via SQLAlchemy Core (the ORM was too slow
for the reporting queries)."""
from sqlalchemy import create_engine, text

from orders_api.config import Config

engine = create_engine(Config.DATABASE_URL, pool_pre_ping=True, future=True)

SORTABLE = {"created_at", "total", "status", "id"}


def find_orders(customer_id, status=None, sort="created_at", direction="desc"):
    sql = "SELECT id, customer_id, status, total, notes, created_at FROM orders WHERE customer_id = :cid"
    params = {"cid": customer_id}
    if status:
        sql += " AND status = :status"
        params["status"] = status
    if sort not in SORTABLE:
        sort = "created_at"
    direction = "ASC" if str(direction).lower() == "asc" else "DESC"
    sql += f" ORDER BY {sort} {direction} LIMIT 200"
    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).mappings().all()  #@safe
    return [dict(r) for r in rows]


def get_order(order_id):
    with engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM orders WHERE id = :id"), {"id": order_id}).mappings().first()
    return dict(row) if row else None


def search_orders(term):
    sql = "SELECT id, customer_id, status, total FROM orders WHERE notes ILIKE '%" + term + "%' LIMIT 50"
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(sql)).mappings()]  #@vuln CWE-89


def bulk_update_status(ids, status, reason=None):
    id_list = ",".join(ids)
    stmt = f"UPDATE orders SET status = '{status}', updated_at = now() WHERE id IN ({id_list})"
    with engine.begin() as conn:
        result = conn.execute(text(stmt))  #@vuln CWE-89
        if reason:
            conn.execute(text("INSERT INTO order_audit (order_ids, reason) VALUES (:ids, :r)"), {"ids": id_list, "r": reason})
    return result.rowcount


def revenue_report(group_by, since):
    sql = "SELECT %s AS bucket, COUNT(*) AS n, SUM(total) AS revenue FROM orders WHERE created_at >= :since GROUP BY %s ORDER BY 3 DESC" % (group_by, group_by)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(sql), {"since": since}).mappings()]  #@vuln CWE-89


def insert_orders(rows):
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO orders (customer_id, status, total, notes) VALUES (:customer_id, :status, :total, :notes)"),
            rows,
        )
    return len(rows)


def customer_email(customer_id):
    with engine.connect() as conn:
        return conn.execute(text("SELECT email FROM customers WHERE id = :id"), {"id": customer_id}).scalar()
