"""Models and repositories for the shop."""
import datetime
import os

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Numeric, String, Text, text
from sqlalchemy.orm import declarative_base, relationship

from common.crypto import password_hash_v1
from common.dbutil import order_by_clause

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    email = Column(String(255), unique=True, nullable=False)
    company = Column(String(255))
    password = Column(String(255), nullable=False)
    reset_token = Column(String(64))
    created_at = Column(DateTime, default=datetime.datetime.utcnow)
    orders = relationship("Order", back_populates="customer")


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    reference = Column(String(32), unique=True, nullable=False)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False, index=True)
    status = Column(String(16), default="draft")
    total = Column(Numeric(12, 2), default=0)
    notes = Column(Text)
    created_at = Column(DateTime, default=datetime.datetime.utcnow)
    customer = relationship("Customer", back_populates="orders")


class OrderRepository:
    def __init__(self, db):
        self.db = db

    def get(self, customer_id, order_id):
        return self.db.query(Order).filter_by(id=int(order_id), customer_id=customer_id).one_or_none()

    def by_reference(self, customer_id, reference):
        stmt = text("SELECT id, reference, total, status, created_at FROM orders WHERE customer_id = :cid AND reference = :ref")
        return self.db.execute(stmt, {"cid": customer_id, "ref": reference}).mappings().first()  #@safe

    def list_for_customer(self, customer_id, status=None, sort=None, direction="asc"):
        sql = "SELECT id, reference, total, status, created_at FROM orders WHERE customer_id = :cid"
        params = {"cid": customer_id}
        if status:
            sql += " AND status = :status"
            params["status"] = status
        sql += order_by_clause(sort, direction)
        return self.db.execute(text(sql), params).mappings().all()  #@safe

    def search(self, customer_id, term):
        q = self.db.query(Order).filter(Order.customer_id == customer_id)
        q = q.filter(text(f"reference ILIKE '%{term}%' OR notes ILIKE '%{term}%'"))  #@vuln CWE-89
        return q.order_by(Order.created_at.desc()).limit(50).all()

    def revenue_by_period(self, customer_id, period):
        sql = f"SELECT date_trunc('{period}', created_at) AS bucket, SUM(total) AS revenue FROM orders WHERE customer_id = :cid GROUP BY 1 ORDER BY 1"
        return self.db.execute(text(sql), {"cid": customer_id}).all()  #@vuln CWE-89

    def bulk_status(self, ids, status):
        stmt = text("UPDATE orders SET status = :status WHERE id = ANY(:ids)")
        self.db.execute(stmt, {"status": status, "ids": [int(i) for i in ids]})


class CustomerRepository:
    def __init__(self, db):
        self.db = db

    def by_email(self, email):
        return self.db.query(Customer).filter(Customer.email == email.lower()).one_or_none()

    def by_email_legacy(self, email):
        """Old accounts were imported with mixed-case e-mails."""
        row = self.db.execute(text("SELECT id FROM customers WHERE lower(email) = lower('%s')" % email)).first()  #@vuln CWE-89
        return self.db.get(Customer, row.id) if row else None

    def register(self, email, password, company=None):
        salt = os.urandom(8).hex()
        customer = Customer(email=email.lower(), company=company, password=f"{salt}:{password_hash_v1(password, salt)}")
        self.db.add(customer)
        self.db.flush()
        return customer
