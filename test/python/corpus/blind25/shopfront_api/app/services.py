"""Business helpers shared by the routers: pricing rules, outbound webhooks, invoices, e-mail."""
import ast
import hashlib
import hmac
import json
import logging
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from celery import Celery

from app.config import get_settings

settings = get_settings()
logger = logging.getLogger(__name__)
celery_client = Celery("shopfront", broker=settings.celery_broker_url)


# ---------------------------------------------------------------- pricing

def apply_discount_rule(rule: str, subtotal: int, qty: int) -> int:
    """Coupon rules are stored as small expressions written by merchants, e.g. ``subtotal * 0.9``."""
    value = eval(rule, {"__builtins__": {}}, {"subtotal": subtotal, "qty": qty, "min": min, "max": max})  #@vuln CWE-95
    return max(0, int(value))


def parse_tier_table(raw: str) -> list[tuple[int, float]]:
    """Volume tiers come in as a python-ish literal: ``[(1000, 0.05), (5000, 0.1)]``."""
    tiers = ast.literal_eval(raw)  #@safe
    return sorted((int(threshold), float(rate)) for threshold, rate in tiers)


# ---------------------------------------------------------------- webhooks

def sign_payload(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()  #@safe


async def deliver_webhook(url: str, payload: dict[str, Any], secret: str) -> int:
    body = json.dumps(payload, default=str).encode()
    headers = {"Content-Type": "application/json", "X-Shop-Signature": sign_payload(body, secret)}
    # several merchants run their receivers behind self-signed certs
    async with httpx.AsyncClient(timeout=5.0, verify=False) as client:  #@vuln CWE-295
        resp = await client.post(url, content=body, headers=headers)  #@vuln CWE-918
    logger.info("webhook %s -> %s", url, resp.status_code)
    return resp.status_code


async def notify_payment_partner(url: str, payload: dict[str, Any]) -> None:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.webhook_allowed_hosts:
        raise ValueError(f"partner host not allowed: {parsed.hostname}")
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.post(url, json=payload)  #@safe
        resp.raise_for_status()


# ---------------------------------------------------------------- invoices

def render_invoice_pdf(reference: str, html_body: str, title: str) -> Path:
    out_dir = Path(settings.invoice_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"{reference}.html"
    html_path.write_text(html_body, encoding="utf-8")
    pdf_path = out_dir / f"{reference}.pdf"
    subprocess.run(["wkhtmltopdf", "--quiet", "--title", title, str(html_path), str(pdf_path)], check=True, timeout=60)  #@safe
    return pdf_path


def merge_invoices(paths: list[Path], bundle_name: str) -> Path:
    out = Path(settings.invoice_dir) / "bundles" / f"{bundle_name}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    inputs = " ".join(str(p) for p in paths)
    subprocess.run(f"pdfunite {inputs} {out}", shell=True, check=True, timeout=120)  #@vuln CWE-78
    return out


# ---------------------------------------------------------------- e-mail

def send_reset_email(email: str, code: str) -> None:
    celery_client.send_task(
        "notify.send_templated_email",
        kwargs={"to": email, "template": "password_reset.html", "subject": "Reset your password", "context": {"code": code}},
        queue="email",
    )
