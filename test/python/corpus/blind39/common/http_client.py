"""Outbound HTTP helpers shared across services."""
import logging
import os
from urllib.parse import urlparse

import requests

log = logging.getLogger(__name__)

HTTP_TIMEOUT = int(os.environ.get("HTTP_TIMEOUT", "10"))
ASSET_HOSTS = {h.strip() for h in os.environ.get("ASSET_HOSTS", "cdn.supplier-images.com,images.acme-wholesale.com").split(",") if h.strip()}

_session = requests.Session()
_session.headers["User-Agent"] = "acme-platform/3.4"


class AssetRejected(ValueError):
    pass


def fetch_remote_asset(url: str) -> bytes:
    """Download an image a merchant pasted into the admin UI."""
    log.info("fetching asset %s", url)
    resp = _session.get(url, timeout=HTTP_TIMEOUT, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content


def fetch_supplier_asset(url: str) -> bytes:
    """Download from one of the supplier CDNs we have a contract with."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ASSET_HOSTS:
        raise AssetRejected(f"host not allowed: {parsed.hostname}")
    resp = _session.get(url, timeout=HTTP_TIMEOUT, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content


def post_json(url: str, payload: dict, headers=None) -> dict:
    resp = _session.post(url, json=payload, headers=headers or {}, timeout=HTTP_TIMEOUT)
    resp.raise_for_status()
    return resp.json() if resp.content else {}
