"""Background jobs run via FastAPI BackgroundTasks (and the nightly worker)."""
import csv
import logging
import os
import pickle
import smtplib
import subprocess
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import httpx
from sqlalchemy import text

from app.config import get_settings
from app.models import engine
from app.partners import ShipFastClient
from app.repositories import OrderRepository
from app.security import generate_order_reference
from app.services.reports import render_digest_email

settings = get_settings()
log = logging.getLogger(__name__)

CSV_COLUMNS = ("sku", "quantity", "unit_price", "notes", "shipping_country")


def ingest_staging_dir(staging: str, customer_id: int) -> int:
    """Imports orders from an uploaded bundle (CSV exports or saved sessions from the desktop tool)."""
    rows: list[dict] = []
    for path in sorted(Path(staging).rglob("*")):
        if path.suffix == ".csv":
            with open(path, newline="", encoding="utf-8") as fh:
                for rec in csv.DictReader(fh):
                    rows.append({k: rec.get(k, "") for k in CSV_COLUMNS})
        elif path.suffix == ".pkl":
            with open(path, "rb") as fh:
                rows.extend(pickle.load(fh))  #@vuln CWE-502
    for row in rows:
        row.update(reference=generate_order_reference(), customer_id=customer_id, status="imported")
    with engine.begin() as conn:
        OrderRepository(conn).bulk_insert(rows)
    log.info("imported %d orders for customer %s", len(rows), customer_id)
    return len(rows)


def make_thumbnail(image_path: str) -> str:
    thumb = os.path.splitext(image_path)[0] + "_thumb.png"
    rc = os.system(f"convert '{image_path}' -thumbnail 128x128 '{thumb}'")  #@vuln CWE-78
    if rc != 0:
        log.error("thumbnail failed for %s", image_path)
    return thumb


def render_pdf(html_path: str, pdf_path: str) -> None:
    subprocess.run(["wkhtmltopdf", "--quiet", "--page-size", "A4", html_path, pdf_path], check=True, timeout=120)  #@safe


def dump_table(table: str, requested_by: str) -> Path:
    out = settings.export_dir / f"dump-{datetime.utcnow():%Y%m%d%H%M}.sql.gz"
    log.info("table dump of %s requested by %s", table, requested_by)
    subprocess.run(f"pg_dump '{settings.database_url}' --table={table} | gzip > {out}", shell=True, check=True)  #@vuln CWE-78
    return out


def notify_order_status(callback_url: str, order_id: int, status: str) -> None:
    try:
        httpx.post(callback_url, json={"order_id": order_id, "status": status}, timeout=5.0)  #@vuln CWE-918
    except httpx.HTTPError:
        log.warning("callback for order %s failed", order_id)


def store_tracking_document(order_id: int, doc_url: str) -> None:
    data = ShipFastClient().fetch_tracking_document(doc_url)
    target = settings.upload_dir / "tracking" / f"{int(order_id)}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def send_ops_digest() -> None:
    """Nightly mail to the fulfilment team with every order still waiting, customer notes included."""
    with engine.connect() as conn:
        pending = [dict(r) for r in conn.execute(text("SELECT reference, sku, quantity, status, notes, created_at FROM orders WHERE status = 'pending' ORDER BY created_at")).mappings()]
    send_digest(settings.ops_email, "Fulfilment team", pending)


def send_digest(email: str, customer_name: str, orders: list[dict]) -> None:
    msg = EmailMessage()
    msg["Subject"] = f"Orderly digest - {len(orders)} orders"
    msg["From"] = settings.smtp_from
    msg["To"] = email
    msg.set_content("Your mail client does not support HTML.")
    msg.add_alternative(render_digest_email(customer_name, orders), subtype="html")
    with smtplib.SMTP(settings.smtp_host, 25, timeout=10) as smtp:
        smtp.send_message(msg)
