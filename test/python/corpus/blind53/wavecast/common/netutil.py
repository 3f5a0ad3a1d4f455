"""Outbound HTTP helpers."""
import ipaddress
import socket
from urllib.parse import urlparse

import requests

from wavecast.common.settings import get_settings

USER_AGENT = "WavecastBot/2.4 (+https://wavecast.fm/bot)"
DEFAULT_TIMEOUT = 15


class RemoteFetchError(Exception):
    pass


def _session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def fetch_remote_media(url: str, max_bytes: int = 2 * 1024 ** 3) -> requests.Response:
    """Start a streaming download of a creator-supplied media URL."""
    response = _session().get(url, stream=True, timeout=DEFAULT_TIMEOUT)  #@vuln CWE-918
    length = int(response.headers.get("Content-Length") or 0)
    if length and length > max_bytes:
        response.close()
        raise RemoteFetchError("file too large")
    return response


def fetch_artwork(url: str) -> bytes:
    parsed = urlparse(url)
    allowed = set(get_settings().artwork_hosts)
    if parsed.scheme != "https" or parsed.hostname not in allowed:
        raise RemoteFetchError(f"artwork host not allowed: {parsed.hostname}")
    response = _session().get(url, timeout=DEFAULT_TIMEOUT, allow_redirects=False)  #@safe
    response.raise_for_status()
    return response.content


def is_public_address(hostname: str) -> bool:
    try:
        infos = socket.getaddrinfo(hostname, None)
    except socket.gaierror:
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return False
    return True


def cdn_request(method: str, path: str, payload: dict) -> dict:
    settings = get_settings()
    response = requests.request(  #@safe
        method,
        settings.cdn_api_url.rstrip("/") + "/" + path.lstrip("/"),
        json=payload,
        headers={"Authorization": f"Bearer {settings.cdn_api_token}"},
        timeout=DEFAULT_TIMEOUT,
        verify=settings.ca_bundle,
    )
    response.raise_for_status()
    return response.json()
