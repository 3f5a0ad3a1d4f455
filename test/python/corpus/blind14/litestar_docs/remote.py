from urllib.parse import urlparse

import aiohttp

from .config import cfg

_TIMEOUT = aiohttp.ClientTimeout(total=15)


async def _download(url: str) -> bytes:
    async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
        async with session.get(url) as resp:  #@vuln CWE-918
            resp.raise_for_status()
            return await resp.read()


async def fetch_remote_document(url: str) -> bytes:
    return await _download(url)


async def fetch_partner_document(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in cfg.import_hosts:
        raise ValueError("host not allowed")
    async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
        async with session.get(parsed.geturl(), allow_redirects=False) as resp:  #@safe
            resp.raise_for_status()
            return await resp.read()
