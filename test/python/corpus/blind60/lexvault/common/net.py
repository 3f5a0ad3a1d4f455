"""Outbound HTTP helpers: webhooks and redirect targets."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from urllib.parse import urlparse

import requests

from lexvault.common.settings import get_settings

settings = get_settings()
log = logging.getLogger(__name__)

USER_AGENT = "LexVault/3.4 (+https://lexvault.io)"


def host_allowed(url: str, allowed: list[str]) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "https" and (parsed.hostname or "").lower() in {h.lower() for h in allowed}


def local_redirect_target(target: str | None, default: str = "/") -> str:
    if not target:
        return default
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc:
        if parsed.scheme == "https" and parsed.hostname in settings.allowed_redirect_hosts:
            return target
        return default
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_event(url: str, payload: dict, secret: str | None = None) -> int:
    body = json.dumps(payload, default=str).encode("utf-8")
    headers = {"User-Agent": USER_AGENT, "Content-Type": "application/json"}
    if secret:
        headers["X-LexVault-Signature"] = _signature(secret, body)
    resp = requests.post(url, data=body, headers=headers, timeout=10)  #@vuln CWE-918
    log.info("webhook %s -> %s", url, resp.status_code)
    return resp.status_code


def post_registered_event(url: str, payload: dict, secret: str) -> int:
    if not host_allowed(url, settings.webhook_allowed_hosts):
        raise ValueError("webhook host is not registered")
    body = json.dumps(payload, default=str).encode("utf-8")
    headers = {
        "User-Agent": USER_AGENT,
        "Content-Type": "application/json",
        "X-LexVault-Signature": _signature(secret, body),
    }
    resp = requests.post(url, data=body, headers=headers, timeout=10, verify=settings.internal_ca_bundle)  #@safe
    return resp.status_code
