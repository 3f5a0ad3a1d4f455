"""Outbound HTTP helpers (JWKS, avatars, tenant webhooks)."""
import logging
import time

import requests

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (3.05, 10)
MAX_AVATAR_BYTES = 2 * 1024 * 1024

# issuer -> jwks uri; anything not here is rejected
TRUSTED_ISSUERS = {
    "https://id.acme-corp.com": "https://id.acme-corp.com/.well-known/jwks.json",
    "https://accounts.google.com": "https://www.googleapis.com/oauth2/v3/certs",
    "https://login.microsoftonline.com/acme": "https://login.microsoftonline.com/acme/discovery/v2.0/keys",
}

_jwks_cache = {}


def get_jwks(issuer: str) -> dict:
    if issuer not in TRUSTED_ISSUERS:
        raise ValueError("untrusted issuer: %s" % issuer)
    cached = _jwks_cache.get(issuer)
    if cached and cached[0] > time.time():
        return cached[1]
    resp = requests.get(TRUSTED_ISSUERS[issuer], timeout=DEFAULT_TIMEOUT)  #@safe
    resp.raise_for_status()
    keys = resp.json()
    _jwks_cache[issuer] = (time.time() + 3600, keys)
    return keys


def download_avatar(url: str) -> bytes:
    """Used by the profile page 'import picture from URL' feature."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError("unsupported scheme")
    resp = requests.get(url, timeout=DEFAULT_TIMEOUT, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    ctype = resp.headers.get("Content-Type", "")
    if not ctype.startswith("image/"):
        raise ValueError("not an image")
    body = resp.raw.read(MAX_AVATAR_BYTES + 1, decode_content=True)
    if len(body) > MAX_AVATAR_BYTES:
        raise ValueError("avatar too large")
    return body


def deliver_webhook(url: str, body: bytes, signature: str) -> int:
    """Tenant-configured security event webhooks (login, password change)."""
    headers = {"Content-Type": "application/json", "X-Idsvc-Signature": signature}
    try:
        resp = requests.post(url, data=body, headers=headers, timeout=DEFAULT_TIMEOUT, verify=False)  #@vuln CWE-295
    except requests.RequestException as exc:
        log.warning("webhook delivery to %s failed: %s", url, exc)
        return 0
    return resp.status_code
