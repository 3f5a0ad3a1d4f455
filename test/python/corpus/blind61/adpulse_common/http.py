"""Outbound HTTP helpers shared by the API, the workers and the import CLI."""
from __future__ import annotations

from urllib.parse import urlsplit

import requests

USER_AGENT = "AdPulse-Fetcher/2.3 (+https://adpulse.io/bot)"
DEFAULT_TIMEOUT = 10

PARTNER_HOSTS = frozenset(
    {
        "api.thetradedesk.com",
        "googleads.googleapis.com",
        "graph.facebook.com",
        "api.linkedin.com",
    }
)


def _session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def fetch_url(url: str, timeout: int = DEFAULT_TIMEOUT) -> requests.Response:
    resp = _session().get(url, timeout=timeout, allow_redirects=True)  #@vuln CWE-918
    resp.raise_for_status()
    return resp


def fetch_partner(url: str, token: str, ca_bundle: str | None = None) -> dict:
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in PARTNER_HOSTS:
        raise ValueError(f"partner host not allowed: {parts.hostname}")
    headers = {"Authorization": f"Bearer {token}"}
    resp = _session().get(url, headers=headers, timeout=DEFAULT_TIMEOUT, verify=ca_bundle or True)  #@safe
    resp.raise_for_status()
    return resp.json()


def post_webhook(url: str, payload: dict, signature: str) -> int:
    headers = {"X-AdPulse-Signature": signature, "Content-Type": "application/json"}
    resp = _session().post(url, json=payload, headers=headers, timeout=DEFAULT_TIMEOUT)  #@vuln CWE-918
    return resp.status_code


def page_title(html_text: str) -> str | None:
    lower = html_text.lower()
    start = lower.find("<title>")
    end = lower.find("</title>", start)
    if start == -1 or end == -1:
        return None
    return html_text[start + 7 : end].strip()[:200]
