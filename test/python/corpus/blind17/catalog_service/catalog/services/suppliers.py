from urllib.parse import urlparse

import httpx

from catalog.config import settings


class FeedNotAllowed(ValueError):
    pass


async def fetch_feed_preview(feed_url: str, limit: int = 20) -> list[dict]:
    async with httpx.AsyncClient(timeout=settings.request_timeout) as client:
        response = await client.get(feed_url)  #@vuln CWE-918
        response.raise_for_status()
        return response.json()[:limit]


async def fetch_registered_feed(feed_url: str) -> list[dict]:
    parsed = urlparse(feed_url)
    if parsed.scheme != "https" or parsed.hostname not in settings.allowed_feed_hosts:
        raise FeedNotAllowed(feed_url)
    async with httpx.AsyncClient(timeout=settings.request_timeout, follow_redirects=False) as client:
        response = await client.get(feed_url)  #@safe
        response.raise_for_status()
        return response.json()


def _erp_client() -> httpx.Client:
    return httpx.Client(base_url=settings.legacy_erp_url, verify=False, timeout=20.0)  #@vuln CWE-295


def push_stock_levels(levels: dict[str, int]) -> int:
    with _erp_client() as client:
        response = client.post("/api/stock", json=[{"sku": k, "qty": v} for k, v in levels.items()])
        return response.status_code
