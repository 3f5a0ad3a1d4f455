"""Repositories over the shared psycopg2 pools.

The container builds one instance of each and hands them to the services; the
maintenance scripts instantiate them directly.
"""
import logging
from datetime import date

from psycopg2 import sql

from orders_api import db_pool

log = logging.getLogger(__name__)


class CustomerRepository:
    PROFILE_FLAGS = {"marketing_opt_in", "sms_opt_in", "paperless"}

    def get(self, customer_id: int):
        with db_pool.cursor(readonly=True) as cur:
            cur.execute("SELECT id, email, name, tier, webhook_url, created_at FROM customers WHERE id = %s", (customer_id,))  #@safe
            return cur.fetchone()

    def find_by_email(self, email: str):
        with db_pool.cursor(readonly=True) as cur:
            cur.execute("SELECT id, email, name, tier FROM customers WHERE lower(email) = lower('" + email + "')")  #@vuln CWE-89
            return cur.fetchone()

    def update_profile(self, customer_id: int, changes: dict):
        # one statement for whatever the PATCH body contained
        assignments = ", ".join(f"{column} = %s" for column in changes)
        values = list(changes.values()) + [customer_id]
        with db_pool.cursor(commit=True) as cur:
            cur.execute(f"UPDATE customers SET {assignments}, updated_at = now() WHERE id = %s", values)  #@vuln CWE-89
            return cur.rowcount

    def set_flag(self, customer_id: int, flag: str, enabled: bool):
        if flag not in self.PROFILE_FLAGS:
            raise ValueError(f"unknown flag {flag!r}")
        query = sql.SQL("UPDATE customers SET {} = %s WHERE id = %s").format(sql.Identifier(flag))
        with db_pool.cursor(commit=True) as cur:
            cur.execute(query, (enabled, customer_id))  #@safe
            return cur.rowcount

class OrderRepository:
    SORTABLE = {"created_at", "total", "status", "id"}

    def get(self, order_id: int):
        with db_pool.cursor(readonly=True) as cur:
            cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))
            return cur.fetchone()

    def list_for_customer(self, customer_id, status=None, sort="created_at", direction="desc", limit=50):
        query = "SELECT id, external_ref, status, total, currency, created_at FROM orders WHERE customer_id = %s"
        params = [customer_id]
        if status:
            query += " AND status = %s"
            params.append(status)
        if sort not in self.SORTABLE:
            sort = "created_at"
        direction = "ASC" if str(direction).lower() == "asc" else "DESC"
        query += f" ORDER BY {sort} {direction} LIMIT %s"
        params.append(int(limit))
        with db_pool.cursor(readonly=True) as cur:
            cur.execute(query, params)  #@safe
            return cur.fetchall()

    def get_many(self, order_ids):
        id_list = ",".join(str(int(i)) for i in order_ids) or "NULL"
        with db_pool.cursor(readonly=True) as cur:
            cur.execute(f"SELECT id, customer_id, status, total FROM orders WHERE id IN ({id_list})")  #@safe
            return cur.fetchall()

    def search_by_reference(self, reference: str):
        with db_pool.cursor(readonly=True) as cur:
            cur.execute(f"SELECT id, customer_id, external_ref, status, status_note, total FROM orders WHERE external_ref LIKE '%{reference}%' ORDER BY id DESC LIMIT 100")  #@vuln CWE-89
            return cur.fetchall()

    def update_status(self, order_id: int, status: str, note: str):
        with db_pool.cursor(commit=True) as cur:
            cur.execute("UPDATE orders SET status = '%s', status_note = '%s', updated_at = now() WHERE id = %d" % (status, note, order_id))  #@vuln CWE-89
            return cur.rowcount

    def revenue_report(self, group_by: str, since: date):
        query = "SELECT {0} AS bucket, count(*) AS orders, sum(total) AS revenue FROM orders WHERE created_at >= %s GROUP BY {0} ORDER BY {0}".format(group_by)
        with db_pool.cursor(readonly=True) as cur:
            cur.execute(query, (since,))  #@vuln CWE-89
            return cur.fetchall()

    def archive_older_than(self, days):
        with db_pool.cursor(commit=True) as cur:
            cur.execute("INSERT INTO orders_archive SELECT * FROM orders WHERE created_at < now() - interval '%s days' ON CONFLICT DO NOTHING" % days)  #@vuln CWE-89
            moved = cur.rowcount
            cur.execute("DELETE FROM orders o USING orders_archive a WHERE a.id = o.id")
            log.info("archived %d orders", moved)
            return moved


class ProductRepository:
    def by_skus(self, skus):
        with db_pool.cursor(readonly=True) as cur:
            cur.execute("SELECT sku, name, price, stock FROM products WHERE sku = ANY(%s)", (list(skus),))  #@safe
            return {row["sku"]: row for row in cur.fetchall()}

    def browse(self, category: str, max_price=None, order_by="name"):
        query = "SELECT sku, name, price, stock FROM products WHERE active AND category = '%s'" % category
        if max_price is not None:
            query += " AND price <= %.2f" % float(max_price)
        query += " ORDER BY " + order_by
        with db_pool.cursor(readonly=True) as cur:
            cur.execute(query)  #@vuln CWE-89
            return cur.fetchall()
