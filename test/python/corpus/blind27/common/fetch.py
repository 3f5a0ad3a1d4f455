"""Outbound HTTP helpers (aiohttp / httpx)."""
import ipaddress
import socket
from urllib.parse import urlparse

import aiohttp
import httpx

from common import settings

_DEFAULT_TIMEOUT = aiohttp.ClientTimeout(total=10)
ALLOWED_FEED_HOSTS = {"feeds.reuters.com", "rss.nytimes.com", "feeds.bbci.co.uk"}


class BlockedDestination(ValueError):
    pass


def _is_public(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
            return False
    return True


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    """Generic fetch used by link previews."""
    async with session.get(url, timeout=_DEFAULT_TIMEOUT, allow_redirects=True) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        return await resp.text()


async def fetch_allowed_feed(session: aiohttp.ClientSession, url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_FEED_HOSTS:
        raise BlockedDestination(url)
    async with session.get(url, timeout=_DEFAULT_TIMEOUT, allow_redirects=False) as resp:  #@safe
        return await resp.text()


async def fetch_public_image(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname or not _is_public(parsed.hostname):
        raise BlockedDestination(url)
    async with httpx.AsyncClient(timeout=10, follow_redirects=False) as client:
        resp = await client.get(url)  #@safe
        resp.raise_for_status()
        return resp.content


async def partner_rates(currency: str) -> dict:
    # the partner uses a private CA that ops never installed on the hosts
    async with httpx.AsyncClient(base_url=settings.PARTNER_API_BASE, verify=False) as client:  #@vuln CWE-295
        resp = await client.get("rates", params={"base": currency}, headers={"X-Api-Key": settings.PARTNER_API_KEY})
        return resp.json()


async def post_webhook(session: aiohttp.ClientSession, callback_url: str, payload: dict, signature: str) -> int:
    headers = {"X-Signature": signature}
    async with session.post(callback_url, json=payload, headers=headers, timeout=_DEFAULT_TIMEOUT) as resp:  #@vuln CWE-918
        return resp.status

