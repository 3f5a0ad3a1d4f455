"""Outbound HTTP used by the feed importers and the image proxy."""
import logging
from urllib.parse import urlparse

import requests

from .config import ALLOWED_FEED_HOSTS, LEGACY_FEED_URL

log = logging.getLogger(__name__)

DEFAULT_HEADERS = {"User-Agent": "acme-backoffice/2.4 (+ops@acme-retail.com)"}


def fetch_feed(url, timeout=30):
    """Download a supplier feed from one of the contracted hosts."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_FEED_HOSTS:
        raise ValueError(f"feed host not allowed: {parsed.hostname}")
    resp = requests.get(url, headers=DEFAULT_HEADERS, timeout=timeout, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content


def fetch_legacy_feed(timeout=60):
    """Nordhaus still run a self-signed cert on their export box."""
    resp = requests.get(LEGACY_FEED_URL, headers=DEFAULT_HEADERS, timeout=timeout, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.content


def fetch_remote(url, timeout=15, stream=False):
    log.info("fetching %s", url)
    return requests.get(url, headers=DEFAULT_HEADERS, timeout=timeout, stream=stream)  #@vuln CWE-918
