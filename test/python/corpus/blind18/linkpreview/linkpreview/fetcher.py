import re
from urllib.parse import urljoin, urlparse

import aiohttp

from . import settings

TIMEOUT = aiohttp.ClientTimeout(total=8)
OG_RE = re.compile(r'<meta\s+property="og:(\w+)"\s+content="([^"]*)"', re.IGNORECASE)
OEMBED_RE = re.compile(r'<link[^>]+type="application/json\+oembed"[^>]+href="([^"]+)"', re.IGNORECASE)


def extract_meta(html, base_url):
    meta = {key.lower(): value for key, value in OG_RE.findall(html)}
    oembed = OEMBED_RE.search(html)
    if oembed:
        meta["oembed"] = urljoin(base_url, oembed.group(1))
    return meta


async def fetch_html(session, url):
    async with session.get(url, timeout=TIMEOUT, ssl=settings.upstream_ssl_context()) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        return await resp.text(errors="replace")


async def fetch_oembed(session, endpoint, page_url):
    async with session.get(endpoint, params={"url": page_url, "format": "json"}, timeout=TIMEOUT) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        return await resp.json(content_type=None)


async def fetch_image(session, url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.ALLOWED_IMAGE_HOSTS:
        raise ValueError("image host not allowed")
    async with session.get(url, timeout=TIMEOUT, allow_redirects=False) as resp:  #@safe
        resp.raise_for_status()
        return await resp.read(), resp.headers.get("Content-Type", "application/octet-stream")
