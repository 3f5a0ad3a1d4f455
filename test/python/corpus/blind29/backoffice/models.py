"""SQLAlchemy models for the back office."""
import hashlib
from datetime import datetime

from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from backoffice.extensions import db


class Tenant(db.Model):
    __tablename__ = "tenants"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False)
    slug = db.Column(db.String(60), unique=True, nullable=False)
    plan = db.Column(db.String(20), default="starter")
    logo_url = db.Column(db.String(500))
    email_footer = db.Column(db.Text, default="")
    erp_host = db.Column(db.String(255))
    erp_username = db.Column(db.String(120))
    erp_password = db.Column(db.String(255))
    partner_access_token = db.Column(db.Text)

    users = db.relationship("User", backref="tenant", lazy="dynamic")


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, db.ForeignKey("tenants.id"), nullable=False)
    email = db.Column(db.String(255), unique=True, nullable=False)
    full_name = db.Column(db.String(200), default="")
    password_hash = db.Column(db.String(255))
    role = db.Column(db.String(20), default="member")
    active = db.Column(db.Boolean, default=True)
    reset_token = db.Column(db.String(64), index=True)
    reset_expires = db.Column(db.DateTime)
    last_login_at = db.Column(db.DateTime)

    @property
    def is_active(self):
        return bool(self.active)

    @property
    def is_admin(self):
        return self.role == "admin"

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        if not self.password_hash:
            return False
        if self.password_hash.startswith("md5$"):
            # accounts imported from the old PHP portal
            legacy = hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328
            return legacy == self.password_hash[4:]
        return check_password_hash(self.password_hash, password)


class Invoice(db.Model):
    __tablename__ = "invoices"

    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, db.ForeignKey("tenants.id"), nullable=False, index=True)
    number = db.Column(db.String(40), nullable=False)
    customer_name = db.Column(db.String(200))
    customer_email = db.Column(db.String(255))
    amount_cents = db.Column(db.BigInteger, default=0)
    currency = db.Column(db.String(3), default="EUR")
    status = db.Column(db.String(20), default="open")
    issued_at = db.Column(db.DateTime, default=datetime.utcnow)
    due_at = db.Column(db.DateTime)

    def to_dict(self):
        return {"id": self.id, "number": self.number, "customer": self.customer_name,
                "amount": self.amount_cents / 100, "currency": self.currency, "status": self.status}


class WebhookEndpoint(db.Model):
    __tablename__ = "webhook_endpoints"

    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, nullable=False, index=True)
    url = db.Column(db.String(500), nullable=False)
    secret = db.Column(db.String(64), nullable=False)
    event_types = db.Column(db.String(255), default="*")
    active = db.Column(db.Boolean, default=True)


class EmailTemplate(db.Model):
    __tablename__ = "email_templates"

    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, nullable=False, index=True)
    name = db.Column(db.String(60), nullable=False)
    subject = db.Column(db.String(200))
    body = db.Column(db.Text)


class DiscountRule(db.Model):
    __tablename__ = "discount_rules"

    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, nullable=False, index=True)
    name = db.Column(db.String(120))
    expression = db.Column(db.String(500))  # e.g. "amount > 1000 and currency == 'EUR'"
    percent = db.Column(db.Integer, default=0)
    active = db.Column(db.Boolean, default=True)
