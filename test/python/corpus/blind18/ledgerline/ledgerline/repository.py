from sqlalchemy import create_engine, select, text

from .models import customers, invoices


class InvoiceRepository:
    def __init__(self, engine):
        self.engine = engine

    @classmethod
    def from_url(cls, url):
        return cls(create_engine(url, pool_pre_ping=True, future=True))

    def get(self, invoice_id):
        stmt = select(invoices).where(invoices.c.id == invoice_id)
        with self.engine.connect() as conn:
            return conn.execute(stmt).mappings().first()

    def customer(self, customer_id):
        stmt = select(customers).where(customers.c.id == customer_id)
        with self.engine.connect() as conn:
            return conn.execute(stmt).mappings().first()

    def search(self, customer_name, status=None):
        sql = (
            "SELECT i.id, i.number, i.total, i.status, c.name AS customer "
            "FROM invoices i JOIN customers c ON c.id = i.customer_id "
            "WHERE c.name ILIKE '%" + customer_name + "%'"
        )
        params = {}
        if status:
            sql += " AND i.status = :status"
            params["status"] = status
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).mappings().all()  #@vuln CWE-89

    def totals_by(self, group_col):
        with self.engine.connect() as conn:
            return conn.execute(text(f"SELECT {group_col}, SUM(total) AS total FROM invoices GROUP BY {group_col}")).all()  #@vuln CWE-89

    def customer_by_email(self, email):
        query = text("SELECT id, name, email FROM customers WHERE lower(email) = lower('%s')" % email)
        with self.engine.connect() as conn:
            return conn.execute(query).mappings().first()  #@vuln CWE-89

    def mark_paid(self, invoice_ids):
        stmt = invoices.update().where(invoices.c.id.in_(list(invoice_ids))).values(status="paid")
        with self.engine.begin() as conn:
            return conn.execute(stmt).rowcount
