"""Order repository and async API handlers (FastAPI + SQLAlchemy + asyncpg)."""
import sqlite3
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from sqlalchemy import text
from sqlalchemy.orm import Session

router = APIRouter()


def get_session():
    ...


def where_clause(field, value):
    return "%s = '%s'" % (field, value)


def run_query(db, sql):
    return db.execute(text(sql)).fetchall()


class OrderRepo:
    def __init__(self, conn):
        self.conn = conn

    def by_customer(self, customer):
        cur = self.conn.cursor()
        cur.execute("SELECT * FROM orders WHERE customer = '" + customer + "'")  #@vuln CWE-89
        return cur.fetchall()

    def by_customer_safe(self, customer):
        cur = self.conn.cursor()
        cur.execute("SELECT * FROM orders WHERE customer = ?", (customer,))  #@safe
        return cur.fetchall()

    def bulk_tag(self, tag, ids):
        sql = f"UPDATE orders SET tag = '{tag}' WHERE id = ?"
        self.conn.executemany(sql, [(i,) for i in ids])  #@vuln CWE-89

    def bulk_tag_safe(self, tag, ids):
        self.conn.executemany("UPDATE orders SET tag = ? WHERE id = ?", [(tag, i) for i in ids])  #@safe

    def search(self, filters):
        query = (
            "SELECT id, total FROM orders "
            f"WHERE status = '{filters['status']}' "
            f"AND region = '{filters['region']}'"
        )
        return self.conn.execute(query).fetchall()  #@vuln CWE-89


@router.get("/orders")
def list_orders(status: str, db: Session = Depends(get_session)):
    return run_query(db, "SELECT * FROM orders WHERE " + where_clause("status", status))  #@vuln CWE-89


@router.get("/orders/safe")
def list_orders_safe(status: str, db: Session = Depends(get_session)):
    rows = db.execute(text("SELECT * FROM orders WHERE status = :s"), {"s": status})  #@safe
    return rows.fetchall()


@router.get("/orders/count")
def count_orders(region: str, db: Session = Depends(get_session)):
    stmt = text(f"SELECT count(*) FROM orders WHERE region = '{region}'")  #@vuln CWE-89
    return db.execute(stmt).scalar()


@router.post("/orders/search")
async def search_orders(request: Request):
    body = await request.json()
    repo = OrderRepo(sqlite3.connect("orders.db"))
    return repo.search({"status": body["status"], "region": body["region"]})


@router.get("/orders/by-customer")
async def by_customer(customer: str, request: Request):
    pool = request.app.state.pool
    async with pool.acquire() as conn:
        return await conn.fetch("SELECT * FROM orders WHERE customer = '%s'" % customer)  #@vuln CWE-89


@router.get("/orders/by-customer/safe")
async def by_customer_safe(customer: str, request: Request):
    pool = request.app.state.pool
    async with pool.acquire() as conn:
        return await conn.fetch("SELECT * FROM orders WHERE customer = $1", customer)  #@safe


@router.get("/orders/report")
def report(month: int, db: Session = Depends(get_session)):
    sql = "SELECT sum(total) FROM orders WHERE month = %d" % month
    return db.execute(text(sql)).scalar()  #@safe


@router.get("/orders/mine")
def mine(request: Request):
    owner = request.query_params.get("owner")
    conn = sqlite3.connect("orders.db")
    q = ("SELECT * FROM orders WHERE owner = '%s' "
         "AND deleted = 0" % owner)
    return conn.execute(q).fetchall()  #@vuln CWE-89
