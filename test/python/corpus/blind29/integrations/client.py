"""HTTP clients for partner APIs (LedgerLink, customer ERPs) and URL helpers."""
import logging
import os
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

log = logging.getLogger(__name__)

PARTNER_BASE_URL = os.environ.get("PARTNER_BASE_URL", "https://api.ledgerlink.io/v2")
LEDGERLINK_API_KEY = os.environ.get("LEDGERLINK_API_KEY") or "ll_live_4f9a2c71e8d04b6b9e3a5d17c0f2b886"  #@vuln CWE-798
ALLOWED_MEDIA_HOSTS = {"cdn.ledgerlink.io", "assets.acme-backoffice.com"}
USER_AGENT = "AcmeBackOffice/3.2 (+https://acme-backoffice.com)"


def _session():
    s = requests.Session()
    retry = Retry(total=3, backoff_factor=0.5, status_forcelist=(502, 503, 504))
    s.mount("https://", HTTPAdapter(max_retries=retry))
    s.headers["User-Agent"] = USER_AGENT
    return s


class PartnerClient:
    def __init__(self, api_key=None):
        self.session = _session()
        self.session.headers["Authorization"] = f"Bearer {api_key or LEDGERLINK_API_KEY}"

    def _get(self, path, **params):
        resp = self.session.get(PARTNER_BASE_URL + path, params=params, timeout=15)  #@safe
        resp.raise_for_status()
        return resp.json()

    def list_invoices(self, tenant_ref, page_size=200):
        cursor = None
        while True:
            data = self._get("/invoices", tenant_ref=tenant_ref, limit=page_size, cursor=cursor)
            yield from data.get("items", [])
            cursor = data.get("next_cursor")
            if not cursor:
                break

    def exchange_code(self, code, redirect_uri, client_id, client_secret):
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "client_id": client_id, "client_secret": client_secret}
        resp = self.session.post(PARTNER_BASE_URL + "/oauth/token", data=form, timeout=15)
        resp.raise_for_status()
        return resp.json()


class LegacyErpClient:
    """Customer-hosted ERP gateways; most of them run self-signed certificates."""

    def __init__(self, host, username, password):
        self.base = f"https://{host}/erp/api/v1"
        self.auth = (username, password)

    def fetch_orders(self, since):
        resp = requests.get(f"{self.base}/orders", params={"modified_since": since.isoformat()}, auth=self.auth, timeout=30, verify=False)  #@vuln CWE-295
        resp.raise_for_status()
        return resp.json().get("orders", [])


def fetch_remote_file(url, max_bytes=10 * 1024 * 1024):
    """Download an attachment referenced in a partner event."""
    with requests.get(url, stream=True, timeout=20) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        chunks, size = [], 0
        for chunk in resp.iter_content(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise ValueError("attachment too large")
            chunks.append(chunk)
    return b"".join(chunks)


def fetch_media(url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_MEDIA_HOSTS:
        raise ValueError(f"media host not allowed: {parsed.hostname}")
    return requests.get(url, timeout=10, allow_redirects=False).content  #@safe


def check_webhook_reachable(url):
    """Backs the "send test event" button in the webhook settings."""
    try:
        resp = requests.post(url, json={"type": "ping"}, timeout=5)  #@vuln CWE-918
        return resp.status_code
    except requests.RequestException as exc:
        return str(exc)
