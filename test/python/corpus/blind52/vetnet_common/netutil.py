"""Outbound HTTP helpers: lab partners, the PMS, patient photos."""
import logging
from urllib.parse import urlparse

import requests

from vetnet_common.config import settings

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (5, 20)
MAX_PHOTO_BYTES = 8 * 1024 * 1024


class PartnerHostError(ValueError):
    pass


def _partner_host_ok(url):
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in settings.LAB_PARTNER_ALLOWED_HOSTS


def fetch_partner_document(url):
    """Download a lab PDF from one of the contracted laboratories."""
    if not _partner_host_ok(url):
        raise PartnerHostError(f"not a contracted laboratory: {url}")
    resp = requests.get(url, timeout=DEFAULT_TIMEOUT, verify=settings.CA_BUNDLE)  #@safe
    resp.raise_for_status()
    return resp.content


def fetch_remote_photo(url):
    """Fetch a patient photo the owner linked from their own site or socials."""
    resp = requests.get(url, timeout=DEFAULT_TIMEOUT, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    content_type = resp.headers.get("Content-Type", "")
    if not content_type.startswith("image/"):
        raise ValueError("link does not point at an image")
    chunks, size = [], 0
    for chunk in resp.iter_content(64 * 1024):
        size += len(chunk)
        if size > MAX_PHOTO_BYTES:
            raise ValueError("image too large")
        chunks.append(chunk)
    return b"".join(chunks), content_type


def pms_session():
    """Session for the on-prem practice-management system."""
    session = requests.Session()
    session.verify = False  #@vuln CWE-295
    session.headers.update(
        {
            "Authorization": f"Bearer {settings.PMS_API_TOKEN}",
            "Accept": "application/json",
        }
    )
    return session


def pms_get(path, **params):
    with pms_session() as session:
        resp = session.get(f"{settings.PMS_BASE_URL}/{path.lstrip('/')}", params=params, timeout=DEFAULT_TIMEOUT)
        resp.raise_for_status()
        return resp.json()

