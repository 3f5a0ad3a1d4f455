"""Raw SQL for the hot paths - the ORM was too slow for the dashboard queries."""
import json
from typing import Any, Iterable, Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection

SORTABLE_COLUMNS = {"created_at", "unit_price", "quantity", "status", "sku"}
REPORTABLE_TABLES = {"orders", "order_events", "shipments"}


class OrderRepository:
    def __init__(self, conn: Connection):
        self.conn = conn

    def get(self, order_id: int, customer_id: int) -> Optional[dict]:
        row = self.conn.execute(text("SELECT * FROM orders WHERE id = :id AND customer_id = :cid"), {"id": order_id, "cid": customer_id}).mappings().first()  #@safe
        return dict(row) if row else None

    def insert(self, values: dict) -> int:
        stmt = text(
            "INSERT INTO orders (reference, customer_id, sku, quantity, unit_price, status, notes, shipping_country, callback_url, created_at) "
            "VALUES (:reference, :customer_id, :sku, :quantity, :unit_price, 'pending', :notes, :shipping_country, :callback_url, now()) RETURNING id"
        )
        return self.conn.execute(stmt, values).scalar_one()

    def list_for_customer(self, customer_id: int, status: Optional[str], sort: str = "created_at", direction: str = "desc") -> list[dict]:
        direction = "DESC" if direction.lower() == "desc" else "ASC"
        column = sort if sort in SORTABLE_COLUMNS else "created_at"
        sql = "SELECT * FROM orders WHERE customer_id = :cid"
        params: dict[str, Any] = {"cid": customer_id}
        if status:
            sql += " AND status = :status"
            params["status"] = status
        sql += f" ORDER BY {column} {direction} LIMIT 500"
        return [dict(r) for r in self.conn.execute(text(sql), params).mappings()]  #@safe

    def search(self, customer_id: int, term: str) -> list[dict]:
        sql = f"SELECT id, sku, notes, status FROM orders WHERE customer_id = {customer_id} AND (sku ILIKE '%{term}%' OR notes ILIKE '%{term}%')"
        return [dict(r) for r in self.conn.execute(text(sql)).mappings()]  #@vuln CWE-89

    def bulk_set_status(self, order_ids: list[int], new_status: str) -> int:
        id_list = ",".join(str(int(i)) for i in order_ids)
        result = self.conn.execute(text(f"UPDATE orders SET status = '{new_status}' WHERE id IN ({id_list})"))  #@vuln CWE-89
        return result.rowcount

    def revenue_by(self, group_by: str, since: str) -> list[dict]:
        stmt = text(f"SELECT {group_by} AS bucket, SUM(unit_price * quantity) AS revenue FROM orders WHERE created_at >= :since GROUP BY {group_by} ORDER BY revenue DESC")
        return [dict(r) for r in self.conn.execute(stmt, {"since": since}).mappings()]  #@vuln CWE-89

    def count_by_status(self, statuses: Iterable[str]) -> dict[str, int]:
        statuses = list(statuses)
        placeholders = ", ".join(f":s{i}" for i in range(len(statuses)))
        params = {f"s{i}": s for i, s in enumerate(statuses)}
        rows = self.conn.execute(text(f"SELECT status, COUNT(*) AS n FROM orders WHERE status IN ({placeholders}) GROUP BY status"), params).all()  #@safe
        return {r.status: r.n for r in rows}

    def delete_drafts(self, customer_id: int, sku: str) -> int:
        result = self.conn.execute(text("DELETE FROM orders WHERE customer_id = %d AND sku = '%s' AND status = 'draft'" % (customer_id, sku)))  #@vuln CWE-89
        return result.rowcount

    def bulk_insert(self, rows: list[dict]) -> None:
        if rows:
            self.conn.execute(text("INSERT INTO orders (reference, customer_id, sku, quantity, unit_price, status, notes, shipping_country, created_at) VALUES (:reference, :customer_id, :sku, :quantity, :unit_price, :status, :notes, :shipping_country, now())"), rows)


class ReportRepository:
    def __init__(self, conn: Connection):
        self.conn = conn

    def run_definition(self, table_name: str, filters_json: str, owner_id: int) -> list[dict]:
        if table_name not in REPORTABLE_TABLES:
            raise ValueError(f"unknown table {table_name}")
        filters: dict[str, Any] = json.loads(filters_json or "{}")
        clauses = ["customer_id = :owner"]
        params: dict[str, Any] = {"owner": owner_id}
        for i, (column, value) in enumerate(filters.items()):
            clauses.append(f"{column} = :f{i}")
            params[f"f{i}"] = value
        sql = f"SELECT * FROM {table_name} WHERE {' AND '.join(clauses)} LIMIT 1000"
        return [dict(r) for r in self.conn.execute(text(sql), params).mappings()]  #@vuln CWE-89
