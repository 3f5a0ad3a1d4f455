"""HTTP clients: merchant webhooks, FX partner and partner bank."""
import hashlib
import hmac
import ipaddress
import json
import socket
import time
from urllib.parse import quote, urlparse

import requests

from common.config import FX_PARTNER_API_KEY
from common.crypto_utils import sign_legacy_gateway, sign_partner_request

DEFAULT_TIMEOUT = 10


def deliver_webhook(url: str, payload: dict, secret: str) -> int:
    """POST an event to the URL the merchant configured in the dashboard."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    ts = str(int(time.time()))
    sig = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    resp = requests.post(url, data=body, headers={"Content-Type": "application/json", "Acme-Signature": f"t={ts},v1={sig}"}, timeout=DEFAULT_TIMEOUT)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.status_code


def _is_public_host(hostname: str) -> bool:
    try:
        infos = socket.getaddrinfo(hostname, 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return False
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return False
    return True


def fetch_public(url: str, max_bytes: int = 2_000_000) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname or not _is_public_host(parsed.hostname):
        raise ValueError("URL not allowed")
    resp = requests.get(url, timeout=DEFAULT_TIMEOUT, allow_redirects=False, stream=True)  #@safe
    resp.raise_for_status()
    return resp.raw.read(max_bytes, decode_content=True)


class FxPartnerClient:
    BASE = "https://api.fxpartner.io/v2"

    def __init__(self, api_key: str | None = None):
        self.api_key = api_key or FX_PARTNER_API_KEY or "fxp_live_3b9f0c2d8e7a41f6b5c4d3e2a1f0b9c8"  #@vuln CWE-798
        self.session = requests.Session()
        self.session.headers["X-Api-Key"] = self.api_key

    def quote(self, sell: str, buy: str, amount_cents: int) -> dict:
        body = json.dumps({"sell": sell, "buy": buy, "amount": amount_cents}).encode()
        headers = sign_partner_request(self.api_key, "POST", "/v2/quotes", body)
        resp = self.session.post(f"{self.BASE}/quotes", data=body, headers=headers, timeout=DEFAULT_TIMEOUT)
        resp.raise_for_status()
        return resp.json()


class BankPartnerClient:
    """mTLS client for Nordbank's corporate API (statements and SEPA payouts)."""

    def __init__(self, base_url: str, cert_path: str, key_path: str, gateway_secret: str = ""):
        self.base_url = base_url.rstrip("/")
        self.gateway_secret = gateway_secret
        self.session = requests.Session()
        self.session.cert = (cert_path, key_path)
        self.session.verify = False  #@vuln CWE-295

    def list_statements(self, iban: str, since: str) -> list[dict]:
        resp = self.session.get(f"{self.base_url}/accounts/{quote(iban)}/statements", params={"since": since}, timeout=30)
        resp.raise_for_status()
        return resp.json()["statements"]

    def gateway_status(self, order_id: str) -> dict:
        params = {"merchant": "ACME01", "order": order_id, "ts": str(int(time.time()))}
        params["sig"] = sign_legacy_gateway(self.gateway_secret, params)
        return self.session.get(f"{self.base_url}/gw/v1/status", params=params, timeout=30).json()
