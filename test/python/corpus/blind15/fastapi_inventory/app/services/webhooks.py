import logging
from urllib.parse import urlparse

import httpx

from ..config import get_settings

log = logging.getLogger(__name__)


async def deliver(url: str, payload: dict) -> int:
    async with httpx.AsyncClient(timeout=5.0, verify=False) as client:  #@vuln CWE-295
        resp = await client.post(url, json=payload)  #@vuln CWE-918
        log.info("webhook %s -> %s", url, resp.status_code)
        return resp.status_code


async def deliver_partner(url: str, payload: dict) -> int:
    settings = get_settings()
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.webhook_allowed_hosts:
        raise ValueError("webhook host not allowed")
    async with httpx.AsyncClient(timeout=5.0, verify=True) as client:
        resp = await client.post(url, json=payload)  #@safe
        return resp.status_code


async def preview_title(url: str) -> str:
    async with httpx.AsyncClient(timeout=5.0, follow_redirects=True) as client:
        resp = await client.get(url)  #@vuln CWE-918
    start = resp.text.find("<title>")
    end = resp.text.find("</title>")
    return resp.text[start + 7:end] if start != -1 and end != -1 else ""
