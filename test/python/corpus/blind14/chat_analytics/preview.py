import re
from urllib.parse import urlparse

import urllib3

from .config import Config

http = urllib3.PoolManager(cert_reqs="CERT_NONE", timeout=urllib3.Timeout(connect=2.0, read=5.0))  #@vuln CWE-295
strict_http = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", timeout=urllib3.Timeout(connect=2.0, read=5.0))  #@safe

TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
EMOJI_CDN = "emoji.cdn.example"


def fetch_link_preview(url: str) -> dict:
    resp = http.request("GET", url, preload_content=True, redirect=True)  #@vuln CWE-918
    match = TITLE_RE.search(resp.data[: Config.PREVIEW_MAX_BYTES])
    return {"url": url, "status": resp.status, "title": match.group(1).decode("utf-8", "replace") if match else ""}


def fetch_emoji_pack(pack: str) -> bytes:
    url = f"https://{EMOJI_CDN}/packs/{re.sub(r'[^a-z0-9-]', '', pack.lower())}.json"
    if urlparse(url).hostname != EMOJI_CDN:
        raise ValueError(url)
    return strict_http.request("GET", url).data  #@safe
