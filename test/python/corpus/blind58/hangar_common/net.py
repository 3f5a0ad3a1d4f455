"""Outbound HTTP helpers for vendor APIs and line-station gateways."""
import logging
from urllib.parse import urlparse

import requests

from hangar_common import settings

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10
USER_AGENT = "HangarOps/4.2 (+https://mx.hangarops.example)"


class VendorHostError(ValueError):
    pass


def _headers(extra: dict | None = None) -> dict:
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    headers.update(extra or {})
    return headers


def fetch_vendor_document(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.ALLOWED_VENDOR_HOSTS:
        raise VendorHostError(f"host not registered for vendor exchange: {parsed.hostname}")
    resp = requests.get(url, headers=_headers(), timeout=DEFAULT_TIMEOUT, verify=settings.CA_BUNDLE, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content


def get_json(url: str, headers: dict | None = None) -> dict | list:
    log.debug("GET %s", url)
    resp = requests.get(url, headers=_headers(headers), timeout=DEFAULT_TIMEOUT)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.json()


def station_session() -> requests.Session:
    """Session for the line-station gateways at outstations."""
    session = requests.Session()
    session.headers.update(_headers())
    session.verify = False  #@vuln CWE-295
    return session


def push_station_status(station_code: str, payload: dict) -> None:
    base = f"https://gw-{station_code.lower()}.stations.hangarops.example"
    with station_session() as session:
        resp = session.post(f"{base}/api/status", json=payload, timeout=DEFAULT_TIMEOUT)
        if resp.status_code >= 400:
            log.warning("station %s rejected status update: %s", station_code, resp.status_code)
