"""HTTP helpers used by the bots to fetch things for the team."""
import ipaddress
import json
import logging
import socket
from urllib.parse import urlparse

import requests

from common import config, crypto

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10
HEADERS = {"User-Agent": "team-bots/1.4 (+https://wiki.internal/bots)"}


def fetch_text(url, max_bytes=200_000):
    """Fetch a URL and return (status, text) trimmed so it fits in a chat message."""
    log.info("fetching %s", url)
    resp = requests.get(url, headers=HEADERS, timeout=DEFAULT_TIMEOUT)  #@vuln CWE-918
    return resp.status_code, resp.text[:max_bytes]


def _is_public(host):
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return False
    return True


def fetch_allowed_json(url):
    """Fetch JSON, but only from hosts the team has allow-listed."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in config.ALLOWED_FETCH_HOSTS:
        raise ValueError(f"host not allowed: {parsed.hostname}")
    resp = requests.get(url, headers=HEADERS, timeout=DEFAULT_TIMEOUT, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.json()


def head_ok(url):
    """Is the URL answering? Used by /status; only public addresses are probed."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return False
    if not _is_public(parsed.hostname):
        return False
    try:
        r = requests.head(url, headers=HEADERS, timeout=5, allow_redirects=False)  #@safe
    except requests.RequestException:
        return False
    return r.status_code < 400


def internal_api(path, payload=None):
    """Call the internal ops API.

    It sits behind our self-signed CA and the bundle never made it onto the bot
    hosts, so verification is off for now.
    """
    url = config.INTERNAL_API.rstrip("/") + "/" + path.lstrip("/")
    if payload is None:
        return requests.get(url, timeout=DEFAULT_TIMEOUT, verify=False).json()  #@vuln CWE-295
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = {"Content-Type": "application/json", "X-Ops-Signature": crypto.sign_payload(body, config.INTERNAL_API_KEY)}
    return requests.post(url, data=body, headers=headers, timeout=DEFAULT_TIMEOUT, verify=False).json()  #@vuln CWE-295
