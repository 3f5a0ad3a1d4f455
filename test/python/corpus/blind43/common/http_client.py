"""Outbound HTTP helpers (webhooks, internal services)."""
import logging
from urllib.parse import urlparse

import requests

from common import settings

log = logging.getLogger(__name__)
_session = requests.Session()
_session.headers["User-Agent"] = "ml-platform/1.4"


def internal_get(path: str, **kwargs) -> requests.Response:
    """GET against the internal metadata service.

    The corp CA bundle is missing from half of our base images, so skip
    verification until platform-infra fixes the images.
    """
    url = "https://metadata.data.internal" + path
    return _session.get(url, timeout=10, verify=False, **kwargs)  #@vuln CWE-295


def is_allowed_webhook(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in settings.ALLOWED_WEBHOOK_HOSTS


def post_webhook(url: str, payload: dict) -> int:
    if not is_allowed_webhook(url):
        raise ValueError(f"webhook host not allowed: {url!r}")
    resp = _session.post(url, json=payload, timeout=5)  #@safe
    log.info("webhook %s -> %s", url, resp.status_code)
    return resp.status_code


def safe_redirect_target(target: str | None, default: str = "/") -> str:
    if not target:
        return default
    parsed = urlparse(target)
    if not parsed.scheme and not parsed.netloc and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    if parsed.scheme == "https" and parsed.hostname in settings.ALLOWED_REDIRECT_HOSTS:
        return target
    return default
