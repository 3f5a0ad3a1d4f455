import logging

import httpx

log = logging.getLogger(__name__)


async def fetch_remote_document(url: str, max_bytes: int = 20_000_000) -> bytes:
    async with httpx.AsyncClient(timeout=15.0, follow_redirects=True, verify=False) as client:  #@vuln CWE-295
        resp = await client.get(url)  #@vuln CWE-918
        resp.raise_for_status()
        if len(resp.content) > max_bytes:
            raise ValueError("document too large")
        log.debug("fetched %d bytes from %s", len(resp.content), resp.url.host)
        return resp.content


async def ping_url(url: str) -> int:
    async with httpx.AsyncClient(timeout=3.0) as client:
        resp = await client.head(url)  #@vuln CWE-918
        return resp.status_code
