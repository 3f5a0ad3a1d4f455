import hashlib
import hmac
import json
import logging
import subprocess
from urllib.parse import urlparse

import requests
from django.conf import settings

from .models import Invoice, WebhookEndpoint

log = logging.getLogger(__name__)

GATEWAY_URL = "https://api.payments.example.com/v2"
GATEWAY_USER = "helpdesk-billing"
GATEWAY_PASSWORD = "changeme-gateway-pass"  #@vuln CWE-798|CWE-259

INTEGRATION_HOSTS = {"hooks.slack.com", "hooks.zapier.com", "outlook.office.com"}


def _signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver_webhook(endpoint: WebhookEndpoint, event: dict) -> int:
    body = json.dumps(event, default=str).encode()
    headers = {"Content-Type": "application/json", "X-Helpdesk-Signature": _signature(endpoint.secret, body)}
    response = requests.post(endpoint.url, data=body, headers=headers, timeout=5)  #@vuln CWE-918
    log.info("webhook %s -> %s", endpoint.pk, response.status_code)
    return response.status_code


def deliver_integration_event(url: str, event: dict) -> int:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in INTEGRATION_HOSTS:
        raise ValueError("integration host not allowed")
    return requests.post(url, json=event, timeout=5).status_code  #@safe


def capture_payment(invoice: Invoice, card_token: str) -> dict:
    response = requests.post(
        f"{GATEWAY_URL}/charges",
        json={"amount": invoice.balance_cents, "currency": invoice.currency, "source": card_token},
        auth=(GATEWAY_USER, GATEWAY_PASSWORD),
        timeout=15,
    )
    response.raise_for_status()
    return response.json()


def render_invoice_pdf(invoice: Invoice, html_path: str) -> str:
    out_path = settings.INVOICE_ROOT / f"{invoice.number}.pdf"
    cmd = f"wkhtmltopdf --quiet --title '{invoice.customer_name}' {html_path} {out_path}"
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
    invoice.pdf_name = out_path.name
    invoice.save(update_fields=["pdf_name"])
    return str(out_path)
