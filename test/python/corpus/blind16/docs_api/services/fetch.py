from urllib.parse import urlparse

import httpx
import requests

from ..settings import settings


async def fetch_remote(url: str) -> bytes:
    async with httpx.AsyncClient(timeout=10, follow_redirects=True) as client:
        resp = await client.get(url)  #@vuln CWE-918
        resp.raise_for_status()
        return resp.content


async def fetch_asset(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.allowed_fetch_hosts:
        raise ValueError(f"host not allowed: {parsed.hostname}")
    async with httpx.AsyncClient(timeout=10, follow_redirects=False) as client:
        resp = await client.get(url)  #@safe
        resp.raise_for_status()
        return resp.content


def fetch_partner_feed() -> bytes:
    resp = requests.get(settings.partner_feed_url, timeout=15, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.content
