"""Celery jobs: statement ingestion, reconciliation, FX rates, merchant notifications and e-mails."""
import csv
import io
import json
import logging
import os
import smtplib
import ssl
import subprocess
from datetime import date, datetime, timedelta
from email.message import EmailMessage

import jinja2
import requests
import stripe
from celery import Celery
from celery.schedules import crontab
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import text

from bank_imports import parsers
from common.config import SMTP_HOST, SMTP_PASSWORD, SMTP_USER, get_settings
from common.fsutil import ensure_dir, scratch_path
from ledger import reports
from ledger.models import SessionLocal
from workers.partner_clients import FxPartnerClient, deliver_webhook, fetch_public

settings = get_settings()
log = logging.getLogger(__name__)

app = Celery("acme_payments", broker=settings.redis_url, backend=settings.redis_url)
# pickle so Decimal / date objects survive the round trip without custom encoders
app.conf.update(task_serializer="pickle", result_serializer="pickle", accept_content=["pickle", "json"], timezone="UTC")  #@vuln CWE-502
app.conf.beat_schedule = {"fx-rates": {"task": "workers.tasks.refresh_fx_rates", "schedule": crontab(minute="*/15")}}

PARTNER_RATES_URL = "https://fx.nordbank-partner.internal/api/rates"
FINANCE_GPG_RECIPIENT = "finance-reports@acme-fin.com"
DEFAULT_STATEMENT_TEMPLATE = "Hello {{ merchant.legal_name }},\n\nyour statement for {{ period }} is attached.\n"


def _store_txns(session, merchant_id, txns) -> None:
    for t in txns:
        session.execute(
            text("INSERT INTO bank_transactions (merchant_id, booked_at, amount_cents, currency, counterparty, reference, remittance_info) VALUES (:m, :b, :a, :c, :cp, :r, :ri) ON CONFLICT DO NOTHING"),
            {"m": merchant_id, "b": t.booked_at, "a": t.amount_cents, "c": t.currency, "cp": t.counterparty, "r": t.reference, "ri": t.remittance_info},
        )


@app.task(bind=True, max_retries=3)
def ingest_statement_file(self, path: str, fmt: str, merchant_id, profile_id=None):
    with SessionLocal() as s, open(path, "rb") as fh:
        data = fh.read()
        if fmt == "csv":
            cfg = s.execute(text("SELECT config FROM import_profiles WHERE id = :id AND merchant_id = :mid"), {"id": profile_id, "mid": merchant_id}).scalar_one()
            txns = parsers.parse_csv(data.decode("utf-8"), json.loads(cfg))
        elif fmt == "mt940":
            txns = parsers.parse_mt940(data.decode("latin-1"))
        elif fmt == "ofx":
            txns = parsers.parse_ofx(io.BytesIO(data))
        else:
            txns = parsers.parse_camt054(data) if fmt == "camt054" else parsers.parse_camt053(data)
        _store_txns(s, merchant_id, txns)
        s.commit()
    log.info("imported %d transactions from %s", len(txns), path)


@app.task
def import_remote_statement(url: str, fmt: str, merchant_id):
    data = fetch_public(url, max_bytes=20_000_000)
    dest = os.path.join(ensure_dir(os.path.join(settings.upload_dir, str(merchant_id))), f"remote-{datetime.utcnow():%Y%m%d%H%M%S}.{fmt}")
    with open(dest, "wb") as fh:
        fh.write(data)
    ingest_statement_file.delay(dest, fmt, merchant_id)


@app.task
def reconcile_provider(provider: str, day: date | None = None):
    day = day or (date.today() - timedelta(days=1))
    start = int(datetime.combine(day, datetime.min.time()).timestamp())
    conn = reports.get_conn()
    matched = []
    try:
        settlement = reports.daily_settlement(conn, day, provider)
        open_txns = reports.open_bank_transactions(conn, day)
        for payout in stripe.Payout.list(arrival_date={"gte": start, "lt": start + 86400}, limit=100).auto_paging_iter():
            for txn in open_txns:
                if txn["amount_cents"] == payout.amount and payout.statement_descriptor and payout.statement_descriptor in txn["reference"]:
                    reports.mark_matched(conn, txn["reference"], payout.id)
                    matched.append((txn["reference"], payout.id, payout.amount))
        conn.commit()
    finally:
        conn.close()
    out_path = scratch_path(".csv")
    with open(out_path, "w", newline="") as fh:
        csv.writer(fh).writerows([["bank_reference", "payout", "amount_cents"], *matched, [], *[[r["currency"], r["n"], r["gross"], r["fees"]] for r in settlement]])
    subprocess.run(["gpg", "--batch", "--yes", "--encrypt", "-r", FINANCE_GPG_RECIPIENT, "-o", out_path + ".gpg", out_path], check=True)  #@safe
    os.unlink(out_path)
    return out_path + ".gpg"


@app.task
def archive_merchant_exports(merchant_id, period: str):
    cmd = f"cd {settings.export_dir}/{merchant_id} && tar czf exports-{period}.tgz {period}/ && rm -rf {period}/"
    rc = os.system(cmd)  #@vuln CWE-78
    if rc != 0:
        log.error("archiving exports for %s/%s failed with %s", merchant_id, period, rc)


@app.task
def refresh_fx_rates():
    resp = requests.get(f"{settings.fx_api_base}/latest", params={"base": "EUR", "symbols": "USD,GBP,CHF,SEK,PLN"}, timeout=10)  #@safe
    resp.raise_for_status()
    with SessionLocal() as s:
        for ccy, rate in resp.json()["rates"].items():
            s.execute(text("INSERT INTO fx_rates (base, quote, rate, fetched_at) VALUES ('EUR', :q, :r, now())"), {"q": ccy, "r": rate})
        s.commit()


@app.task
def refresh_partner_rates():
    # partner uses a certificate from their internal CA that is not in our bundle
    resp = requests.get(PARTNER_RATES_URL, headers={"X-Api-Key": FxPartnerClient().api_key}, timeout=10, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()


@app.task(bind=True, max_retries=5, default_retry_delay=60)
def notify_payout(self, payout_id: int):
    with SessionLocal() as s:
        row = s.execute(
            text("SELECT p.id, p.reference, p.amount_cents, p.currency, p.status, m.webhook_url, m.webhook_secret FROM payouts p JOIN merchants m ON m.id = p.merchant_id WHERE p.id = :id"),
            {"id": payout_id},
        ).mappings().first()
    if not row or not row["webhook_url"]:
        return
    event = {"type": f"payout.{row['status']}", "data": {"id": row["id"], "reference": row["reference"], "amount": row["amount_cents"], "currency": row["currency"]}}
    try:
        deliver_webhook(row["webhook_url"], event, row["webhook_secret"])
    except requests.RequestException as exc:
        raise self.retry(exc=exc)


def _smtp_send(msg: EmailMessage) -> None:
    with smtplib.SMTP(SMTP_HOST, 587, timeout=20) as smtp:
        smtp.starttls(context=ssl._create_unverified_context())  #@vuln CWE-295
        smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)


@app.task
def send_otp_email(merchant_id: int, code: str):
    with SessionLocal() as s:
        email = s.execute(text("SELECT email FROM merchants WHERE id = :id"), {"id": merchant_id}).scalar_one()
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "security@acme-fin.com", email, "Your Acme sign-in code"
    msg.set_content(f"Your code is {code}. It expires in 5 minutes.")
    _smtp_send(msg)


@app.task
def send_statement_email(merchant_id: int, period: str):
    with SessionLocal() as s:
        m = s.execute(text("SELECT legal_name, billing_email, statement_email_template FROM merchants WHERE id = :id"), {"id": merchant_id}).mappings().one()
    env = SandboxedEnvironment(autoescape=True)
    body = env.from_string(m["statement_email_template"] or DEFAULT_STATEMENT_TEMPLATE).render(merchant=m, period=period)  #@safe
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "statements@acme-fin.com", m["billing_email"], f"Statement {period}"
    msg.set_content(body)
    _smtp_send(msg)


@app.task
def send_receipt_email(provider_ref: str):
    with SessionLocal() as s:
        p = s.execute(
            text("SELECT p.amount_cents, p.currency, p.customer_email, m.legal_name, m.receipt_subject FROM payments p JOIN merchants m ON m.id = p.merchant_id WHERE p.provider_ref = :ref"),
            {"ref": provider_ref},
        ).mappings().first()
    if not p or not p["customer_email"]:
        return
    subject = jinja2.Template(p["receipt_subject"] or "Your receipt from {{ merchant }}").render(merchant=p["legal_name"], amount=f"{p['amount_cents'] / 100:.2f} {p['currency']}")  #@vuln CWE-1336
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "receipts@acme-fin.com", p["customer_email"], subject
    msg.set_content(f"Thank you for your payment of {p['amount_cents'] / 100:.2f} {p['currency']} to {p['legal_name']}.")
    _smtp_send(msg)
