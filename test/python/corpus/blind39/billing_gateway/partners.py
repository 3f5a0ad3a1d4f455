"""Outbound integrations: PayHub, the FX service, the legacy tax partner, SMTP."""
import logging
import re
import smtplib
import ssl
from email.message import EmailMessage

import httpx
import requests

from billing_gateway.config import get_settings
from common.crypto import sign_webhook

log = logging.getLogger(__name__)
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


def _payhub() -> httpx.AsyncClient:
    s = get_settings()
    return httpx.AsyncClient(base_url=s.payhub_base_url, headers={"Authorization": f"Bearer {s.payhub_api_key}"}, timeout=15)


async def create_charge(customer_ref: str, amount_cents: int, currency: str) -> dict:
    async with _payhub() as client:
        resp = await client.post("/charges", json={"customer": customer_ref, "amount": amount_cents, "currency": currency})
        resp.raise_for_status()
        return resp.json()


async def fetch_statement(statement_url: str) -> bytes:
    """PayHub webhooks carry an absolute statement URL; the dashboard
    forwards it back to us to download the PDF."""
    async with httpx.AsyncClient(timeout=30, follow_redirects=True) as client:
        resp = await client.get(statement_url)  #@vuln CWE-918
        resp.raise_for_status()
        return resp.content


async def deliver_webhook(target_url: str, payload: dict) -> int:
    s = get_settings()
    body = httpx.Request("POST", target_url, json=payload).content
    headers = {"X-Acme-Signature": sign_webhook(body, s.webhook_secret), "Content-Type": "application/json"}
    async with httpx.AsyncClient(timeout=10, verify=False) as client:  #@vuln CWE-295
        resp = await client.post(target_url, content=body, headers=headers)  #@vuln CWE-918
        return resp.status_code


async def exchange_rate(currency: str) -> float:
    if not CURRENCY_RE.fullmatch(currency or ""):
        raise ValueError("bad currency code")
    s = get_settings()
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.get(f"{s.fx_base_url}/{currency}")  #@safe
        return float(resp.json()["rate"])


def legacy_tax_rate(region: str) -> float:
    s = get_settings()
    resp = requests.get(f"{s.tax_base_url}/rates", params={"region": region}, timeout=10, verify=False)  #@vuln CWE-295
    return float(resp.json().get("rate", 0))


class Mailer:
    def __init__(self, host: str, user: str, password: str, port: int = 587):
        self.host, self.user, self.password, self.port = host, user, password, port

    def send(self, to: str, subject: str, body: str) -> None:
        msg = EmailMessage()
        msg["From"] = f"{self.user}@acme-wholesale.com"
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        context = ssl.create_default_context()
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.starttls(context=context)
            smtp.login(self.user, self.password)
            smtp.send_message(msg)
