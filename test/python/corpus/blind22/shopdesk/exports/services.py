"""Order exports: CSV dumps for finance and PDF documents via wkhtmltopdf."""
import csv
import logging
import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

EXPORT_ROOT = Path(settings.EXPORT_ROOT)
PAPER_SIZES = {"A4", "Letter", "Legal"}
CSV_COLUMNS = ["number", "created_at", "customer_email", "status", "total_cents", "currency"]


def resolve_export_path(name):
    candidate = (EXPORT_ROOT / name).resolve()
    if not candidate.is_relative_to(EXPORT_ROOT.resolve()):
        raise SuspiciousFileOperation(f"export path escapes root: {name}")
    return candidate


def write_orders_csv(orders, filename):
    target = EXPORT_ROOT / filename
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", newline="", encoding="utf-8") as fh:  #@vuln CWE-22
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for order in orders.iterator():
            writer.writerow([getattr(order, col) for col in CSV_COLUMNS])
    logger.info("wrote %s", target)
    return target


def open_export(name):
    return open(resolve_export_path(name), "rb")  #@safe


def render_invoice_pdf(order, paper_size="A4"):
    if paper_size not in PAPER_SIZES:
        paper_size = "A4"
    html = render_to_string("exports/invoice.html", {"order": order})
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as tmp:
        tmp.write(html)
    out = EXPORT_ROOT / f"invoice-{order.number}.pdf"
    try:
        subprocess.run([settings.WKHTMLTOPDF_BIN, "--quiet", "--page-size", paper_size, tmp.name, str(out)], check=True, timeout=60)  #@safe
    finally:
        os.unlink(tmp.name)
    return out


def render_statement_pdf(customer, header_text, period):
    html = render_to_string("exports/statement.html", {"customer": customer, "period": period})
    html_path = tempfile.mktemp(suffix=".html")  #@vuln CWE-377
    with open(html_path, "w") as fh:
        fh.write(html)
    out = EXPORT_ROOT / f"statement-{customer.pk}-{period}.pdf"
    cmd = f"{settings.WKHTMLTOPDF_BIN} --quiet --header-center '{header_text}' --footer-right '[page]/[topage]' {html_path} {out}"
    subprocess.run(cmd, shell=True, check=True, timeout=120)  #@vuln CWE-78
    os.unlink(html_path)
    return out


def compress_export(name):
    path = resolve_export_path(name)
    os.system(f"gzip -9 -f {shlex.quote(str(path))}")  #@safe
    return path.with_suffix(path.suffix + ".gz")


def push_to_finance_sftp(name, remote_dir):
    path = resolve_export_path(name)
    subprocess.run(f"scp -q -i /etc/shopdesk/finance_id {path} finance@sftp.internal.example.com:{remote_dir}/", shell=True, check=True)  #@vuln CWE-78


def fetch_tracking(tracking_number):
    url = f"{settings.CARRIER_API_BASE}/shipments/{quote(tracking_number, safe='')}"
    resp = requests.get(url, timeout=10)  #@safe
    resp.raise_for_status()
    return resp.json()


def fetch_seller_logo(seller):
    """Inline the seller's logo into invoices so wkhtmltopdf needn't fetch it."""
    if not seller.logo_url:
        return None
    resp = requests.get(seller.logo_url, timeout=10)  #@vuln CWE-918
    if resp.ok and resp.headers.get("Content-Type", "").startswith("image/"):
        return resp.content
    return None
