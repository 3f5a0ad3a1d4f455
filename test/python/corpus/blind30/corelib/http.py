"""Outbound HTTP helpers."""
import ipaddress
import logging
import socket
from urllib.parse import urlparse

import requests
from django.conf import settings

log = logging.getLogger(__name__)

WEBHOOK_HOSTS = {"hooks.slack.com", "api.pagerduty.com", "events.opsgenie.com"}
OEMBED_PROVIDERS = {
    "www.youtube.com": "https://www.youtube.com/oembed",
    "vimeo.com": "https://vimeo.com/api/oembed.json",
    "twitter.com": "https://publish.twitter.com/oembed",
}

_session = requests.Session()
_session.headers["User-Agent"] = "ledger-bot/2.3 (+https://ledger.example.com/bot)"


def fetch_preview(url: str, limit: int = 200_000) -> bytes:
    """Used by link unfurling and the CMS data-table block."""
    resp = _session.get(url, timeout=5, allow_redirects=True)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content[:limit]


def _resolves_public(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved:
            return False
    return True


def deliver_webhook(url: str, payload: dict) -> requests.Response:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in WEBHOOK_HOSTS:
        raise ValueError(f"webhook host not allowed: {parsed.hostname}")
    return _session.post(url, json=payload, timeout=10, allow_redirects=False)  #@safe


def oembed_lookup(page_url: str) -> dict:
    host = urlparse(page_url).hostname or ""
    endpoint = OEMBED_PROVIDERS.get(host)
    if endpoint is None or not _resolves_public(host):
        return {}
    resp = _session.get(endpoint, params={"url": page_url, "format": "json"}, timeout=5)  #@safe
    return resp.json() if resp.ok else {}


def partner_session() -> requests.Session:
    s = requests.Session()
    s.verify = False  #@vuln CWE-295
    s.headers["Authorization"] = f"Bearer {settings.PARTNER_API_TOKEN}"
    return s


def fetch_fx_rates() -> dict:
    resp = requests.get(settings.FX_RATES_URL, timeout=10, verify=True)
    resp.raise_for_status()
    return resp.json()["rates"]
