"""Outbound HTTP helpers used by the portal, the shop and the workers."""
import logging
from urllib.parse import urlparse

import requests

from common import settings

log = logging.getLogger(__name__)

_session = requests.Session()
_session.headers["User-Agent"] = "acme-backoffice/3.4"


class FetchRejected(Exception):
    pass


def fetch_remote(url, timeout=None):
    """Download a remote resource (logos, product images, partner price lists)."""
    log.info("fetching %s", url)
    resp = _session.get(url, timeout=timeout or settings.HTTP_TIMEOUT)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content, resp.headers.get("Content-Type", "application/octet-stream")


def fetch_allowed_asset(url):
    """Same as fetch_remote but restricted to our own CDNs."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.ALLOWED_FETCH_HOSTS:
        raise FetchRejected(url)
    resp = _session.get(parsed.geturl(), timeout=settings.HTTP_TIMEOUT, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content


def post_event(event_type, payload):
    body = {"type": event_type, "env": settings.ENVIRONMENT, "data": payload}
    try:
        resp = _session.post(settings.WEBHOOK_URL, json=body, timeout=settings.HTTP_TIMEOUT)
        resp.raise_for_status()
    except requests.RequestException:
        log.exception("could not deliver %s event", event_type)
        return False
    return True
