import os
import pickle
import subprocess
import tempfile

import requests
from celery import Celery
from jinja2 import Environment, PackageLoader, select_autoescape

from .config import ProductionConfig as Config
from .repository import InvoiceRepository

celery = Celery("ledgerline", broker=Config.CELERY_BROKER_URL, backend=Config.CELERY_RESULT_BACKEND)
celery.conf.update(task_serializer="json", accept_content=["json"], result_expires=3600, task_acks_late=True)

repo = InvoiceRepository.from_url(Config.SQLALCHEMY_URL)
pdf_templates = Environment(loader=PackageLoader("ledgerline", "templates"), autoescape=select_autoescape(["html"]))  #@safe


def _post_to_relay(payload):
    resp = requests.post(Config.WEBHOOK_RELAY, json=payload, timeout=10, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.status_code


def _render_invoice_html(invoice_id):
    inv = repo.get(invoice_id)
    return pdf_templates.get_template("invoice.html").render(invoice=inv, customer=repo.customer(inv["customer_id"]))


@celery.task(bind=True, max_retries=5, default_retry_delay=30)
def notify_paid(self, invoice_id):
    inv = repo.get(invoice_id)
    cust = repo.customer(inv["customer_id"])
    if not cust or not cust["webhook_url"]:
        return None
    try:
        return _post_to_relay({"target": cust["webhook_url"], "invoice": inv["number"], "status": "paid"})
    except requests.RequestException as exc:
        raise self.retry(exc=exc)


@celery.task
def render_invoice_pdf(invoice_id, title):
    html_path = tempfile.mktemp(suffix=".html")  #@vuln CWE-377
    with open(html_path, "w", encoding="utf-8") as fh:
        fh.write(_render_invoice_html(invoice_id))
    out = os.path.join(Config.INVOICE_DIR, f"{int(invoice_id)}.pdf")
    try:
        subprocess.run(f"{Config.WKHTMLTOPDF} --title '{title}' {html_path} {out}", shell=True, check=True)  #@vuln CWE-78
    finally:
        os.unlink(html_path)
    return out


@celery.task
def compress_invoice(invoice_id):
    out = os.path.join(Config.INVOICE_DIR, f"{int(invoice_id)}.pdf")
    subprocess.run(["gzip", "-k", "-f", out], check=True)  #@safe
    return out + ".gz"


@celery.task
def replay_batch(blob_hex):
    batch = pickle.loads(bytes.fromhex(blob_hex))  #@vuln CWE-502
    updated = 0
    for item in batch:
        updated += repo.mark_paid(item["ids"])
    return updated
