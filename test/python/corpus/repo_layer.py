"""Data access layer for the billing service (psycopg2)."""
import logging

import pandas as pd
import psycopg2
from psycopg2 import sql

log = logging.getLogger(__name__)
INVOICE_COLUMNS = ("id", "customer_id", "amount", "status")


class InvoiceRepository:
    def __init__(self, dsn):
        self.conn = psycopg2.connect(dsn)

    def by_customer(self, customer_id):
        with self.conn.cursor() as cur:
            cur.execute("SELECT * FROM invoices WHERE customer_id = %s", (customer_id,))  #@safe
            return cur.fetchall()

    def by_status(self, status):
        with self.conn.cursor() as cur:
            cur.execute(f"SELECT * FROM invoices WHERE status = '{status}'")  #@vuln CWE-89
            return cur.fetchall()

    def by_ids(self, ids):
        placeholders = ", ".join(["%s"] * len(ids))
        with self.conn.cursor() as cur:
            cur.execute(f"SELECT * FROM invoices WHERE id IN ({placeholders})", tuple(ids))  #@safe
            return cur.fetchall()

    def search(self, column, term):
        query = "SELECT * FROM invoices WHERE " + column + " ILIKE %s"
        with self.conn.cursor() as cur:
            cur.execute(query, ("%" + term + "%",))  #@vuln CWE-89
            return cur.fetchall()

    def sorted_by(self, column):
        query = sql.SQL("SELECT * FROM invoices ORDER BY {}").format(sql.Identifier(column))
        with self.conn.cursor() as cur:
            cur.execute(query)  #@safe
            return cur.fetchall()

    def totals(self):
        with self.conn.cursor() as cur:
            cur.execute("SELECT status, SUM(amount) FROM invoices GROUP BY status")  #@safe
            return dict(cur.fetchall())

    def mark_paid(self, invoice_ids):
        id_list = ",".join(str(i) for i in invoice_ids)
        with self.conn.cursor() as cur:
            cur.execute("UPDATE invoices SET status = 'paid' WHERE id IN (%s)" % id_list)  #@vuln CWE-89
        self.conn.commit()

    def bulk_insert(self, rows):
        with self.conn.cursor() as cur:
            cur.executemany("INSERT INTO invoices (customer_id, amount) VALUES (%s, %s)", rows)  #@safe
        self.conn.commit()

    def delete_for(self, customer):
        with self.conn.cursor() as cur:
            cur.executemany("DELETE FROM invoices WHERE customer_id = " + customer + " AND id = %s", [(1,), (2,)])  #@vuln CWE-89
        self.conn.commit()

    def report_frame(self, year):
        return pd.read_sql(f"SELECT * FROM invoices WHERE extract(year from created) = {year}", self.conn)  #@vuln CWE-89

    def report_frame_safe(self, year):
        return pd.read_sql("SELECT * FROM invoices WHERE extract(year from created) = %(y)s", self.conn, params={"y": year})  #@safe

    def columns(self):
        cols = ", ".join(INVOICE_COLUMNS)
        with self.conn.cursor() as cur:
            cur.execute("SELECT " + cols + " FROM invoices LIMIT 1")  #@safe
            return cur.fetchone()
