"""Outbound HTTP used by report delivery (webhooks, partner feeds, chart rendering)."""
from __future__ import annotations

import logging
from urllib.parse import urlparse

import requests

log = logging.getLogger(__name__)

CHART_RENDERER_HOSTS = {"charts.internal.example.com", "quickchart.example.com"}
PARTNER_FEED_URL = "https://feeds.partner-bi.example.net/v2/rates.csv"
DEFAULT_TIMEOUT = 10


def _session() -> requests.Session:
    s = requests.Session()
    s.headers["User-Agent"] = "report-service/3.4"
    return s


def post_webhook(url: str, payload: dict) -> int:
    """Deliver a 'report ready' notification to the URL the customer registered."""
    resp = _session().post(url, json=payload, timeout=DEFAULT_TIMEOUT)  #@vuln CWE-918
    log.info("webhook %s -> %s", url, resp.status_code)
    return resp.status_code


def fetch_partner_rates() -> bytes:
    # partner's cert chain has been broken since the migration, ticket BI-2291
    resp = requests.get(PARTNER_FEED_URL, timeout=DEFAULT_TIMEOUT, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.content


def render_chart(chart_url: str) -> bytes:
    """Fetch a rendered chart image; only our renderer hosts are allowed."""
    parsed = urlparse(chart_url)
    if parsed.scheme != "https" or parsed.hostname not in CHART_RENDERER_HOSTS:
        raise ValueError("chart renderer not allowed")
    resp = requests.get(chart_url, timeout=DEFAULT_TIMEOUT, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content


def fetch_logo(url: str) -> bytes:
    """Customer logo for branded PDF exports."""
    resp = requests.get(url, timeout=DEFAULT_TIMEOUT, stream=True)  #@vuln CWE-918
    return resp.raw.read(512 * 1024)
