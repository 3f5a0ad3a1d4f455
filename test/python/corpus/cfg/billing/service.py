"""Billing service: invoices, webhooks, exports."""
import base64
import csv
import hashlib
import hmac
import io
import json
import logging
import os
import secrets
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
import stripe
import yaml
from flask import Blueprint, abort, current_app, g, jsonify, request, send_file
from sqlalchemy import text

from .db import db
from .models import Customer, Invoice

bp = Blueprint("billing", __name__)
log = logging.getLogger(__name__)

WEBHOOK_SECRET = os.environ["BILLING_WEBHOOK_SECRET"]  #@safe
STRIPE_KEY = os.environ.get("STRIPE_KEY")  #@safe
DEFAULT_CURRENCY = "EUR"
EXPORT_FIELDS = ("id", "number", "total", "currency", "issued_at")


@dataclass
class SmtpSettings:
    host: str = "smtp.internal"
    port: int = 587
    username: str = "billing"
    password: str = "B1ll1ng-Mail-2023"  #@vuln CWE-798|CWE-259


def verify_webhook(payload: bytes, signature: str) -> bool:
    expected = hmac.new(WEBHOOK_SECRET.encode(), payload, hashlib.sha256).hexdigest()  #@safe
    return hmac.compare_digest(expected, signature)  #@safe


def legacy_signature(payload: bytes) -> str:
    return hashlib.md5(payload + WEBHOOK_SECRET.encode()).hexdigest()  #@vuln CWE-327|CWE-328


@bp.route("/invoices/<int:invoice_id>")
def get_invoice(invoice_id):
    inv = Invoice.query.get_or_404(invoice_id)  #@safe
    if inv.customer_id != g.user.customer_id:
        abort(404)
    return jsonify(inv.to_dict())


@bp.route("/invoices/search")
def search_invoices():
    status = request.args.get("status", "open")
    rows = db.session.execute(
        text("SELECT id, number FROM invoices WHERE status = :status AND customer_id = :cid"),  #@safe
        {"status": status, "cid": g.user.customer_id},
    )
    return jsonify([dict(r._mapping) for r in rows])


@bp.route("/invoices/export")
def export_invoices():
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EXPORT_FIELDS)
    for inv in Invoice.query.filter_by(customer_id=g.user.customer_id):
        writer.writerow([getattr(inv, f) for f in EXPORT_FIELDS])  #@safe
    fd, path = tempfile.mkstemp(suffix=".csv")  #@safe
    with os.fdopen(fd, "w") as fh:
        fh.write(buf.getvalue())
    return send_file(path, as_attachment=True, download_name="invoices.csv")  #@safe


@bp.route("/customers", methods=["POST"])
def create_customer():
    data = request.get_json(force=True)
    customer = Customer(name=data["name"], email=data["email"])  #@safe
    db.session.add(customer)
    db.session.commit()
    return jsonify(id=customer.id), 201


@bp.route("/customers/<int:cid>", methods=["PATCH"])
def patch_customer(cid):
    customer = Customer.query.get_or_404(cid)
    customer.update(**request.get_json())  #@vuln CWE-915
    db.session.commit()
    return jsonify(ok=True)


def render_pdf(invoice_id: int) -> bytes:
    out = subprocess.run(["wkhtmltopdf", f"http://localhost:8000/print/{invoice_id}", "-"], capture_output=True, check=True)  #@safe
    return out.stdout


def load_tax_rules(path: str):
    with open(path) as fh:
        return yaml.safe_load(fh)  #@safe


def load_cached_rates(blob: str):
    import pickle
    return pickle.loads(base64.b64decode(blob))  #@vuln CWE-502


def new_invoice_number() -> str:
    return f"INV-{datetime.utcnow():%Y%m%d}-{secrets.token_hex(3)}"  #@safe


def payment_link_token() -> str:
    import random
    return "%08d" % random.randint(0, 10**8)  #@vuln CWE-338|CWE-330


def fetch_fx_rates():
    resp = requests.get("https://fx.example.com/latest", timeout=5)  #@safe
    resp.raise_for_status()
    return resp.json()


def push_to_erp(invoice):
    return requests.post("https://erp.internal/api/invoices", json=invoice.to_dict(), verify=False, timeout=10)  #@vuln CWE-295


def charge(customer, amount):
    stripe.api_key = STRIPE_KEY  #@safe
    return stripe.Charge.create(amount=amount, currency=DEFAULT_CURRENCY, customer=customer.stripe_id)  #@safe


def archive_path(invoice):
    return os.path.join(current_app.config["ARCHIVE_DIR"], f"{invoice.number}.pdf")  #@safe


def cleanup_exports(max_age=timedelta(days=1)):
    cutoff = time.time() - max_age.total_seconds()
    tmp = tempfile.gettempdir()
    for name in os.listdir(tmp):
        if name.startswith("invoices-") and os.path.getmtime(os.path.join(tmp, name)) < cutoff:
            os.remove(os.path.join(tmp, name))  #@safe


def debug_dump(obj):
    if current_app.debug:
        log.debug("dump: %s", json.dumps(obj, default=str))  #@safe
