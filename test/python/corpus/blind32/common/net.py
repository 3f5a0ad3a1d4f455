"""HTTP helpers for calling internal services and outgoing webhooks."""
import ipaddress
import logging
import socket
from urllib.parse import urlparse

import requests

from common import config, security

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10

_session = requests.Session()
_session.headers["User-Agent"] = "platform-tools/1.4"


def internal_get(path, **params):
    # the internal CA bundle is not in the container images yet (PLAT-412)
    return _session.get(f"https://{config.WAREHOUSE_HOST}/api{path}", params=params, timeout=DEFAULT_TIMEOUT, verify=False)  #@vuln CWE-295


def is_public_host(hostname):
    """True when every address the name resolves to is publicly routable."""
    if not hostname:
        return False
    try:
        infos = socket.getaddrinfo(hostname, None)
    except socket.gaierror:
        return False
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_multicast:
            return False
    return True


def is_allowed_webhook(url):
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in config.ALLOWED_WEBHOOK_HOSTS


def post_webhook(url, payload):
    if not is_allowed_webhook(url):
        raise ValueError("webhook host is not on the allow-list")
    body = requests.models.complexjson.dumps(payload).encode()
    headers = {"Content-Type": "application/json", "X-Platform-Signature": security.sign_payload(body)}
    return requests.post(url, data=body, headers=headers, timeout=DEFAULT_TIMEOUT)  #@safe


def safe_redirect_target(target, default="/"):
    """Only allow same-site relative paths."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
