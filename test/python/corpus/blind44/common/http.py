"""HTTP helpers shared by the SIS sync, LTI and course import code."""
import ipaddress
import logging
import socket
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from common.config import settings

log = logging.getLogger(__name__)

USER_AGENT = "LearnHub/4.2 (+https://learnhub.example.edu)"
_ALLOWED_SCHEMES = {"https"}


class BlockedURLError(ValueError):
    pass


def build_session(retries=3):
    session = requests.Session()
    retry = Retry(total=retries, backoff_factor=0.5, status_forcelist=(502, 503, 504))
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.verify = settings.verify_tls
    return session


def legacy_sis_session():
    """The Banner 8 gateway on-prem still serves a self-signed certificate."""
    session = build_session()
    session.verify = False  #@vuln CWE-295
    return session


def _ensure_public(host):
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise BlockedURLError(f"cannot resolve {host}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_multicast:
            raise BlockedURLError(f"{host} resolves to a non-public address")


def fetch_public_url(url, *, max_bytes=200 * 1024 * 1024, timeout=30):
    """Download a user-supplied URL after checking it points at the public internet."""
    parsed = urlparse(url)
    if parsed.scheme not in _ALLOWED_SCHEMES or not parsed.hostname:
        raise BlockedURLError("only https URLs are accepted")
    _ensure_public(parsed.hostname)
    resp = requests.get(url, timeout=timeout, stream=True, allow_redirects=False)  #@safe
    resp.raise_for_status()
    chunks, total = [], 0
    for chunk in resp.iter_content(chunk_size=65536):
        total += len(chunk)
        if total > max_bytes:
            raise BlockedURLError("download too large")
        chunks.append(chunk)
    log.info("fetched %s (%d bytes)", parsed.hostname, total)
    return b"".join(chunks)
