from dataclasses import dataclass
from typing import Optional

from sqlalchemy import text

from .db import engine, fetch_all, fetch_one, get_cursor

ALLOWED_SORT = {"created_at", "amount", "due_date"}


@dataclass
class InvoiceFilter:
    customer_id: str
    status: Optional[str] = None
    sort: str = "created_at"
    direction: str = "desc"


class InvoiceRepository:
    table = "invoices"

    def by_id(self, invoice_id):
        return fetch_one("SELECT * FROM invoices WHERE id = %s", (invoice_id,))  #@safe

    def search(self, flt: InvoiceFilter):
        sql = f"SELECT * FROM {self.table} WHERE customer_id = {flt.customer_id}"
        if flt.status:
            sql += f" AND status = '{flt.status}'"
        sql += f" ORDER BY {flt.sort} {flt.direction}"
        return fetch_all(sql)  #@vuln CWE-89

    def search_sorted(self, flt: InvoiceFilter):
        sort = flt.sort if flt.sort in ALLOWED_SORT else "created_at"
        direction = "ASC" if flt.direction.lower() == "asc" else "DESC"
        sql = f"SELECT * FROM {self.table} WHERE customer_id = %s ORDER BY {sort} {direction}"
        return fetch_all(sql, (flt.customer_id,))  #@safe

    def mark_paid(self, invoice_id, reference):
        with get_cursor() as cur:
            cur.execute("UPDATE invoices SET status = 'paid', payment_ref = '" + reference + "' WHERE id = %s", (invoice_id,))  #@vuln CWE-89

    def totals_by_customer(self, customer_ids):
        placeholders = ", ".join(["%s"] * len(customer_ids))
        sql = (
            "SELECT customer_id, SUM(amount) AS total FROM invoices "
            f"WHERE customer_id IN ({placeholders}) GROUP BY customer_id"
        )
        return fetch_all(sql, tuple(customer_ids))  #@safe


class CustomerRepository:
    def find_by_email(self, email):
        stmt = text("SELECT id, name, email FROM customers WHERE email = :email")
        with engine.connect() as conn:
            return conn.execute(stmt, {"email": email}).mappings().first()  #@safe

    def search_name(self, term):
        stmt = text(f"SELECT id, name FROM customers WHERE name ILIKE '%{term}%' ORDER BY name")
        with engine.connect() as conn:
            return conn.execute(stmt).mappings().all()  #@vuln CWE-89
