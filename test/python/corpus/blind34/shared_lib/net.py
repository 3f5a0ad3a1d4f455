"""Outbound HTTP helpers used by webhook / callback code in several functions."""
import logging
import os
from urllib.parse import urlparse

import requests

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10
ALLOWED_WEBHOOK_HOSTS = {"hooks.slack.com", "events.pagerduty.com", "outlook.office.com"}
INVENTORY_BASE_URL = os.environ.get("INVENTORY_BASE_URL", "https://inventory.corp.acme.internal")


class BlockedDestination(Exception):
    pass


def fetch_json(url, headers=None):
    """GET a JSON document. Used to verify partner callback URLs before we store them."""
    resp = requests.get(url, headers=headers or {}, timeout=DEFAULT_TIMEOUT)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.json()


def post_webhook(url, payload):
    """Notify a chat / paging integration. Only well-known SaaS hosts are allowed."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_WEBHOOK_HOSTS:
        raise BlockedDestination(url)
    resp = requests.post(url, json=payload, timeout=DEFAULT_TIMEOUT, allow_redirects=False)  #@safe
    log.info("webhook %s -> %s", parsed.hostname, resp.status_code)
    return resp.status_code


def inventory_get(path):
    """Read from the on-prem inventory service over the site-to-site VPN (self-signed cert)."""
    resp = requests.get(f"{INVENTORY_BASE_URL}{path}", timeout=DEFAULT_TIMEOUT, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()
