"""SQL access for invoices, customers and users.

We use raw SQL through SQLAlchemy's text() because the reporting queries are
hand-tuned for Postgres.
"""
from sqlalchemy import text

from billing_portal import db

SORTABLE_COLUMNS = {"created_at", "due_date", "amount_cents", "status", "number"}


class InvoiceRepository:
    def __init__(self, session=None):
        self.session = session or db.session

    def get(self, invoice_id: int, tenant_id: int) -> dict | None:
        row = self.session.execute(text("SELECT * FROM invoices WHERE id = :id AND tenant_id = :tenant"), {"id": invoice_id, "tenant": tenant_id}).mappings().first()  #@safe
        return dict(row) if row else None

    def search(self, tenant_id: int, customer_name: str, status: str | None = None) -> list[dict]:
        sql = (
            "SELECT i.id, i.number, i.amount_cents, i.status, c.name AS customer "
            "FROM invoices i JOIN customers c ON c.id = i.customer_id "
            f"WHERE i.tenant_id = {int(tenant_id)} AND c.name ILIKE '%{customer_name}%'"
        )
        if status:
            sql += f" AND i.status = '{status}'"
        return [dict(r) for r in self.session.execute(text(sql)).mappings()]  #@vuln CWE-89

    def list_sorted(self, tenant_id: int, sort: str, direction: str, limit: int = 50) -> list[dict]:
        if sort not in SORTABLE_COLUMNS:
            sort = "created_at"
        direction = "DESC" if direction.lower() == "desc" else "ASC"
        stmt = f"SELECT * FROM invoices WHERE tenant_id = :tenant ORDER BY {sort} {direction} LIMIT :limit"
        return [dict(r) for r in self.session.execute(text(stmt), {"tenant": tenant_id, "limit": limit}).mappings()]  #@safe

    def totals_by_period(self, tenant_id: int, period: str, since: str) -> list[dict]:
        query = "SELECT date_trunc('%s', created_at) AS bucket, sum(amount_cents) AS total FROM invoices WHERE tenant_id = :tenant AND created_at >= :since GROUP BY 1 ORDER BY 1" % period
        return [dict(r) for r in self.session.execute(text(query), {"tenant": tenant_id, "since": since}).mappings()]  #@vuln CWE-89

    def mark_paid(self, invoice_ids: list, reference: str) -> int:
        ids = ",".join(str(int(i)) for i in invoice_ids)
        result = self.session.execute(text(f"UPDATE invoices SET status = 'paid', payment_ref = :ref WHERE id IN ({ids})"), {"ref": reference})  #@safe
        self.session.commit()
        return result.rowcount

    def delete_drafts(self, tenant_id: int, older_than_days: str) -> int:
        result = self.session.execute(text(f"DELETE FROM invoices WHERE tenant_id = {tenant_id} AND status = 'draft' AND created_at < now() - interval '{older_than_days} days'"))  #@vuln CWE-89
        self.session.commit()
        return result.rowcount

    def tenant_settings(self, tenant_id: int) -> dict:
        row = self.session.execute(text("SELECT * FROM tenant_settings WHERE tenant_id = :t"), {"t": tenant_id}).mappings().first()
        return dict(row) if row else {}


class UserRepository:
    def __init__(self, session=None):
        self.session = session or db.session

    def by_username(self, username: str) -> dict | None:
        row = self.session.execute(text("SELECT * FROM users WHERE username = :u AND active"), {"u": username}).mappings().first()
        return dict(row) if row else None

    def by_email(self, email: str) -> dict | None:
        row = self.session.execute(text("SELECT id, username, email FROM users WHERE lower(email) = lower('" + email + "')")).mappings().first()  #@vuln CWE-89
        return dict(row) if row else None

    def create(self, username: str, email: str, password_hash: str, tenant_id: int) -> int:
        row = self.session.execute(
            text("INSERT INTO users (username, email, password_hash, tenant_id) VALUES (:u, :e, :p, :t) RETURNING id"),
            {"u": username, "e": email, "p": password_hash, "t": tenant_id},
        ).first()
        self.session.commit()
        return row[0]

    def store_reset_token(self, user_id: int, token: str) -> None:
        self.session.execute(text("UPDATE users SET reset_token = :tok, reset_requested_at = now() WHERE id = :id"), {"tok": token, "id": user_id})
        self.session.commit()
