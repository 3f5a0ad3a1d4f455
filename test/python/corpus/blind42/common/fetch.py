"""Outbound HTTP: import-from-link, partner pulls, CDN purges."""
import logging
from urllib.parse import urlparse

import requests

from common import settings

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (5, 30)
CHUNK = 64 * 1024
USER_AGENT = "acme-filevault/2.7 (+https://acme.io/bot)"


class FetchError(Exception):
    pass


def _collect(resp, limit):
    resp.raise_for_status()
    buf = bytearray()
    for chunk in resp.iter_content(CHUNK):
        buf.extend(chunk)
        if len(buf) > limit:
            raise FetchError("remote file too large")
    return bytes(buf)


def download(url, limit=settings.MAX_UPLOAD_BYTES):
    """Download whatever link the user pasted into "Import from link"."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("only http(s) links are supported")
    resp = requests.get(url, stream=True, timeout=DEFAULT_TIMEOUT, headers={"User-Agent": USER_AGENT})  #@vuln CWE-918
    return _collect(resp, limit)


def download_from_partner(url, limit=settings.MAX_UPLOAD_BYTES):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.PARTNER_IMPORT_HOSTS:
        raise FetchError(f"host not allowed: {parsed.hostname}")
    resp = requests.get(url, stream=True, timeout=DEFAULT_TIMEOUT, allow_redirects=False, headers={"User-Agent": USER_AGENT})  #@safe
    return _collect(resp, limit)


def head_info(url):
    """Size/type preview shown in the upload dialog before importing."""
    resp = requests.head(url, timeout=5, allow_redirects=True)  #@vuln CWE-918
    return {
        "content_type": resp.headers.get("Content-Type"),
        "size": int(resp.headers.get("Content-Length") or 0),
        "final_url": resp.url,
    }


def purge_cdn(paths):
    # cdn-admin is signed by the internal CA, which is not in the slim image bundle
    resp = requests.post(settings.CDN_PURGE_URL, json={"paths": list(paths)}, timeout=10, verify=False)  #@vuln CWE-295
    if resp.status_code >= 400:
        log.warning("CDN purge failed (%s): %s", resp.status_code, resp.text[:200])
    return resp.ok
