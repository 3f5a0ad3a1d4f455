"""Background jobs: partner sync, outgoing webhooks, dunning mails, inbound files."""
import json
import logging
import os
import subprocess
import time
from datetime import datetime, timedelta

import requests
import yaml
from sqlalchemy import text

from backoffice.extensions import db
from backoffice.models import DiscountRule, EmailTemplate, Invoice, Tenant, WebhookEndpoint
from backoffice.notify import deliver, render_custom, render_footer
from common.files import tenant_dir
from common.security import sign_payload
from integrations.client import PARTNER_BASE_URL, LegacyErpClient, PartnerClient
from workers.celery_app import celery, flask_app

log = logging.getLogger(__name__)


@celery.task(bind=True, max_retries=6)
def deliver_webhook(self, endpoint_id, event_type, payload):
    with flask_app().app_context():
        endpoint = db.session.get(WebhookEndpoint, endpoint_id)
        if endpoint is None or not endpoint.active:
            return "skipped"
        body = json.dumps({"type": event_type, "created": int(time.time()), "data": payload}, default=str)
        headers = {
            "Content-Type": "application/json",
            "X-BO-Signature": sign_payload(endpoint.secret.encode(), body.encode()),
            "User-Agent": "AcmeBackOffice-Webhooks/1.4",
        }
        try:
            resp = requests.post(endpoint.url, data=body, headers=headers, timeout=10)  #@vuln CWE-918
            resp.raise_for_status()
        except requests.RequestException as exc:
            raise self.retry(exc=exc, countdown=(2 ** self.request.retries) * 30)
        return resp.status_code


@celery.task
def refresh_tenant_logo(tenant_id):
    with flask_app().app_context():
        tenant = db.session.get(Tenant, tenant_id)
        if tenant is None or not tenant.logo_url:
            return None
        resp = requests.get(tenant.logo_url, timeout=10)  #@vuln CWE-918
        resp.raise_for_status()
        path = os.path.join(tenant_dir(flask_app().config["UPLOAD_FOLDER"], tenant.id), "logo.img")
        with open(path, "wb") as fh:
            fh.write(resp.content)
        return path


@celery.task
def sync_partner_invoices(tenant_id):
    with flask_app().app_context():
        client = PartnerClient()
        count = 0
        for item in client.list_invoices(tenant_ref=str(tenant_id)):
            db.session.execute(text(f"INSERT INTO invoices (tenant_id, number, customer_name, amount_cents, currency, status, issued_at) VALUES ({tenant_id}, '{item['number']}', '{item['customer']}', {item['amount_cents']}, '{item['currency']}', 'open', now()) ON CONFLICT (tenant_id, number) DO UPDATE SET amount_cents = EXCLUDED.amount_cents"))  #@vuln CWE-89
            count += 1
        db.session.commit()
        log.info("synced %d partner invoices for tenant %s", count, tenant_id)


@celery.task
def pull_legacy_erp(tenant_id):
    with flask_app().app_context():
        tenant = db.session.get(Tenant, tenant_id)
        client = LegacyErpClient(tenant.erp_host, tenant.erp_username, tenant.erp_password)
        return len(client.fetch_orders(since=datetime.utcnow() - timedelta(days=1)))


@celery.task
def import_partner_catalog(tenant_id):
    resp = requests.post(f"{PARTNER_BASE_URL}/catalog/export", json={"tenant_ref": str(tenant_id), "format": "yaml"}, timeout=30)  #@safe
    resp.raise_for_status()
    catalog = yaml.unsafe_load(resp.text)  #@vuln CWE-502
    return len(catalog.get("products", []))


@celery.task
def apply_discount_rules(invoice_id):
    with flask_app().app_context():
        invoice = db.session.get(Invoice, invoice_id)
        ctx = {"amount": invoice.amount_cents / 100, "customer": invoice.customer_name,
               "currency": invoice.currency}
        for rule in DiscountRule.query.filter_by(tenant_id=invoice.tenant_id, active=True):
            if eval(rule.expression, {"__builtins__": {}}, ctx):  #@vuln CWE-95|CWE-94
                invoice.amount_cents = int(invoice.amount_cents * (100 - rule.percent) / 100)
                break
        db.session.commit()


@celery.task
def process_inbound_file(file_name):
    """The partner drops PGP-encrypted CSVs on the SFTP box and tells us the name."""
    inbox = flask_app().config["INBOX_FOLDER"]
    out = os.path.join(inbox, "decrypted", os.path.basename(file_name) + ".csv")
    subprocess.run(f"gpg --batch --yes --decrypt --output {out} {inbox}/{file_name}", shell=True, check=True, timeout=120)  #@vuln CWE-78
    return out


@celery.task
def send_dunning_emails():
    with flask_app().app_context():
        cutoff = datetime.utcnow() - timedelta(days=14)
        for tenant in Tenant.query.all():
            template = EmailTemplate.query.filter_by(tenant_id=tenant.id, name="dunning").first()
            if template is None:
                continue
            overdue = Invoice.query.filter(Invoice.tenant_id == tenant.id, Invoice.status == "open",
                                           Invoice.due_at < cutoff, Invoice.customer_email.isnot(None))
            for invoice in overdue:
                subject, body = render_custom(template, invoice=invoice, tenant=tenant)
                deliver(invoice.customer_email, subject, body + render_footer(tenant), text=body)
