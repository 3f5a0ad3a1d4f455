"""HTTP clients for partner APIs (ShipFast, FreightCo EDI) and outbound webhooks."""
import hashlib
import hmac
import json
import logging
from typing import Any
from urllib.parse import quote, urlparse

import httpx

from app.cache import cached
from app.config import get_settings

settings = get_settings()
log = logging.getLogger(__name__)


class ShipFastClient:
    def __init__(self, api_key: str | None = None):
        self._client = httpx.Client(
            base_url=settings.partner_base_url,
            headers={"Authorization": f"Bearer {api_key or settings.partner_api_key}", "User-Agent": "orderly/1.8"},
            timeout=10.0,
        )

    @cached("shipfast-rates", ttl=600)
    def get_rates(self, sku: str, country: str, qty: int) -> dict[str, Any]:
        resp = self._client.get(f"/v2/rates/{quote(sku, safe='')}", params={"country": country, "qty": qty})  #@safe
        resp.raise_for_status()
        return resp.json()

    def create_shipment(self, order: dict) -> dict[str, Any]:
        payload = {
            "reference": order["reference"],
            "sku": order["sku"],
            "quantity": order["quantity"],
            "destination_country": order["shipping_country"],
        }
        resp = self._client.post("/v2/shipments", json=payload)
        resp.raise_for_status()
        return resp.json()

    def fetch_tracking_document(self, doc_url: str) -> bytes:
        # ShipFast sends absolute links to their CDN in the document.ready event
        resp = httpx.get(doc_url, follow_redirects=True, timeout=20.0)  #@vuln CWE-918
        resp.raise_for_status()
        return resp.content


class FreightCoClient:
    """Legacy freight broker EDI bridge. Their cert chain has been broken for ages."""

    def __init__(self):
        self._client = httpx.Client(base_url="https://edi.freightco-legacy.example.net", verify=False, timeout=30.0)  #@vuln CWE-295
        self._user = "orderly"
        self._secret = "Fr8!edi-2021-orderly"  #@vuln CWE-798

    def _sign(self, body: bytes) -> str:
        return hashlib.md5(body + self._secret.encode()).hexdigest()  #@vuln CWE-328|CWE-327

    def submit_manifest(self, manifest: dict) -> str:
        body = json.dumps(manifest, separators=(",", ":")).encode()
        resp = self._client.post("/edi/manifest", content=body, headers={"X-User": self._user, "X-Signature": self._sign(body)})
        resp.raise_for_status()
        return resp.json()["manifest_id"]


def deliver_webhook(url: str, payload: dict, secret: str) -> int:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.allowed_webhook_hosts:
        raise ValueError("webhook host not allowed")
    body = json.dumps(payload).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    resp = httpx.post(url, content=body, headers={"Content-Type": "application/json", "X-Orderly-Signature": signature}, timeout=5.0)  #@safe
    return resp.status_code


def probe_endpoint(url: str) -> dict[str, Any]:
    """Backs the 'Test connection' button in Settings > Integrations."""
    try:
        resp = httpx.get(url, timeout=5.0)  #@vuln CWE-918
    except httpx.HTTPError as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": resp.is_success, "status": resp.status_code, "body": resp.text[:500]}


async def fetch_product_image(url: str) -> bytes:
    async with httpx.AsyncClient(timeout=15.0, follow_redirects=True) as client:
        resp = await client.get(url)  #@vuln CWE-918
        resp.raise_for_status()
        if not resp.headers.get("content-type", "").startswith("image/"):
            raise ValueError("not an image")
        return resp.content
