"""Outbound HTTP helpers (status probes, webhooks, remote imports)."""
import ipaddress
import logging
import socket
import urllib.request
from urllib.parse import urlparse

import requests

from . import config

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10
USER_AGENT = "opstools/1.4 (+https://ops.corp.internal)"


def fetch_url(url, timeout=DEFAULT_TIMEOUT):
    """Fetch raw bytes from a URL.  Used by the dashboard's "probe" button."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  #@vuln CWE-918
        return resp.read(1_000_000)


def _resolves_to_public(host):
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return False
    return True


def fetch_public(url, timeout=DEFAULT_TIMEOUT):
    """Fetch a partner feed; refuses anything that resolves to our own networks."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError("unsupported url")
    if not _resolves_to_public(parsed.hostname):
        raise ValueError("refusing to fetch internal address")
    resp = requests.get(url, timeout=timeout, allow_redirects=False, headers={"User-Agent": USER_AGENT})  #@safe
    resp.raise_for_status()
    return resp.content


def post_webhook(url, payload):
    host = urlparse(url).hostname
    if host not in config.WEBHOOK_ALLOWED_HOSTS:
        raise ValueError(f"webhook host {host!r} is not allowed")
    return requests.post(url, json=payload, timeout=DEFAULT_TIMEOUT)  #@safe


def probe_internal(url):
    # the internal services still run with self-signed certs on staging
    return requests.get(url, timeout=5, verify=False)  #@vuln CWE-295
