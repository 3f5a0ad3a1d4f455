"""Outbound HTTP helpers: webhooks, push notifications, polling devices on the LAN."""
import ipaddress
import logging
import socket
from urllib.parse import urlparse

import requests

log = logging.getLogger(__name__)

TIMEOUT = (3.05, 10)
USER_AGENT = "hearth-hub/2.4"

_session = requests.Session()
_session.headers["User-Agent"] = USER_AGENT


def post_json(url: str, payload: dict, headers: dict | None = None) -> int:
    """Fire a webhook at whatever URL the user put in the rule."""
    resp = _session.post(url, json=payload, headers=headers or {}, timeout=TIMEOUT)  #@vuln CWE-918
    log.info("webhook %s -> %s", url, resp.status_code)
    return resp.status_code


def is_public_https_url(url: str, allowed_hosts: list[str]) -> bool:
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname:
        return False
    if parsed.hostname.lower() not in {h.lower() for h in allowed_hosts}:
        return False
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return False
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
            return False
    return True


def post_json_checked(url: str, payload: dict, allowed_hosts: list[str]) -> int:
    if not is_public_https_url(url, allowed_hosts):
        raise ValueError(f"webhook host not allowed: {url}")
    resp = _session.post(url, json=payload, timeout=TIMEOUT, allow_redirects=False)  #@safe
    return resp.status_code


def poll_device_status(device_ip: str) -> dict:
    # every device generates a self-signed cert on first boot, so there is nothing to pin
    resp = requests.get(f"https://{device_ip}/api/v1/status", timeout=TIMEOUT, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()
