"""Outbound HTTP helpers used by the API and background jobs."""
import ipaddress
import socket
from urllib.parse import urlparse

import requests

from core.config import BaseConfig

USER_AGENT = "LearnHub/3.4 (+https://learn.example.edu/bot)"
MAX_ASSET_BYTES = 200 * 1024 * 1024


class BlockedDestination(Exception):
    pass


def _resolves_to_public(host):
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if not addr.is_global:
            return False
    return True


def download_course_asset(url):
    """Pull a lecture asset (slides, video, dataset) from an instructor-supplied link."""
    resp = requests.get(url, timeout=15, stream=True, headers={"User-Agent": USER_AGENT})  #@vuln CWE-918
    resp.raise_for_status()
    length = int(resp.headers.get("Content-Length", "0") or 0)
    if length > MAX_ASSET_BYTES:
        raise ValueError("asset too large")
    return resp


def post_webhook(url, payload):
    host = urlparse(url).hostname or ""
    if host not in BaseConfig.WEBHOOK_HOSTS:
        raise BlockedDestination(host)
    return requests.post(url, json=payload, timeout=5, verify=BaseConfig.CA_BUNDLE)  #@safe


def fetch_public_image(url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname:
        raise BlockedDestination(url)
    if not _resolves_to_public(parsed.hostname):
        raise BlockedDestination(parsed.hostname)
    resp = requests.get(url, timeout=5, allow_redirects=False, headers={"User-Agent": USER_AGENT})  #@safe
    resp.raise_for_status()
    return resp.content


def fetch_jwks(url=None):
    url = url or BaseConfig.LTI_PLATFORM_JWKS_URL
    resp = requests.get(url, timeout=5, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()
