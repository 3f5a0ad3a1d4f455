"""HTTP plumbing shared by the carrier integrations, webhooks and workers."""
import ipaddress
import logging
import socket
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from common import config

log = logging.getLogger(__name__)

USER_AGENT = "logistics-platform/3.4 (+ops@logistics.example.com)"


def build_session(retries: int = 3, backoff: float = 0.5) -> requests.Session:
    session = requests.Session()
    retry = Retry(total=retries, backoff_factor=backoff, status_forcelist=(502, 503, 504), allowed_methods=None)
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=20)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def legacy_carrier_session() -> requests.Session:
    """Some carriers (NordCargo, Baltic Rail) still serve self-signed chains on
    their SOAP endpoints. Ticket OPS-1182 to fix once they renew."""
    session = build_session()
    session.verify = False  #@vuln CWE-295
    return session


def is_partner_url(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in config.PARTNER_ALLOWED_HOSTS


def is_public_destination(url: str) -> bool:
    """True when every address the host resolves to is a public one."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return False
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parsed.hostname, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        log.info("webhook host does not resolve: %s", parsed.hostname)
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            return False
    return True
