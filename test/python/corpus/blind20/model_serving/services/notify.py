from urllib.parse import urlparse

import httpx

from ..config import settings


async def post_callback(url: str, payload: dict) -> int:
    async with httpx.AsyncClient(timeout=settings.request_timeout) as client:
        resp = await client.post(url, json=payload)  #@vuln CWE-918
    return resp.status_code


async def post_registered_callback(url: str, payload: dict) -> int:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.allowed_callback_hosts:
        raise ValueError(f"callback host not allowed: {parsed.hostname}")
    async with httpx.AsyncClient(timeout=settings.request_timeout, verify=True) as client:
        resp = await client.post(url, json=payload, follow_redirects=False)  #@safe
    return resp.status_code
