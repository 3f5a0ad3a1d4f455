"""HTTP client for the supplier API, partner callbacks and the legacy inventory box."""
import logging
from urllib.parse import quote

import httpx
import requests

from catalog_service.deps import settings

log = logging.getLogger(__name__)


class SupplierError(RuntimeError):
    pass


class SupplierClient:
    def __init__(self, base_url: str | None = None, token: str | None = None):
        self._client = httpx.Client(
            base_url=base_url or settings.supplier_api_base,
            headers={"Authorization": f"Bearer {token or settings.supplier_api_token}"},
            timeout=httpx.Timeout(15.0, connect=5.0),
        )

    def get_product(self, supplier_sku: str) -> dict:
        resp = self._client.get(f"/products/{quote(supplier_sku, safe='')}")  #@safe
        if resp.status_code == 404:
            raise SupplierError(f"unknown supplier sku {supplier_sku}")
        resp.raise_for_status()
        return resp.json()

    def fetch_price_sheet(self, sheet_url: str) -> bytes:
        resp = httpx.get(sheet_url, timeout=30, follow_redirects=True)  #@vuln CWE-918
        resp.raise_for_status()
        return resp.content

    def notify_partner(self, partner_host: str, payload: dict) -> int:
        resp = httpx.post(f"https://{partner_host}/hooks/catalog-updated", json=payload, timeout=10)  #@vuln CWE-918
        log.info("partner %s answered %s", partner_host, resp.status_code)
        return resp.status_code


def legacy_stock_level(sku: str) -> int:
    # the legacy box has a self-signed cert that nobody wants to rotate
    resp = requests.get(f"{settings.legacy_inventory_url}/stock", params={"sku": sku}, timeout=10, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return int(resp.json()["level"])


async def fetch_remote_image(url: str) -> bytes:
    async with httpx.AsyncClient(timeout=20, verify=False) as client:  #@vuln CWE-295
        resp = await client.get(url)  #@vuln CWE-918
        resp.raise_for_status()
        return resp.content
