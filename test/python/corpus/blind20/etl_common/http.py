"""Thin HTTP helpers so every service does timeouts and retries the same way."""
import json
import os
import ssl
import urllib.request
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

INTERNAL_BASE = os.environ.get("DP_INTERNAL_BASE", "https://platform.internal")
PREVIEW_ALLOWED_HOSTS = frozenset({"datasets.internal.example", "s3.eu-west-1.amazonaws.com"})

session = requests.Session()
session.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.5)))


def fetch_preview(url: str, max_bytes: int = 64 * 1024) -> bytes:
    """Return the first bytes of a remote file so the UI can sniff its format."""
    with requests.get(url, stream=True, timeout=10) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        return resp.raw.read(max_bytes)


def fetch_preview_checked(url: str, max_bytes: int = 64 * 1024) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in PREVIEW_ALLOWED_HOSTS:
        raise ValueError("preview host not allowed")
    with session.get(url, stream=True, timeout=10, allow_redirects=False) as resp:  #@safe
        resp.raise_for_status()
        return resp.raw.read(max_bytes)


def call_internal(path: str, payload: dict) -> dict:
    resp = session.post(f"{INTERNAL_BASE}{path}", json=payload, timeout=15, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()


def get_legacy_json(url: str) -> dict:
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(url, context=ctx, timeout=20) as r:
        return json.load(r)


def resolve_schema_ref(schema: dict) -> dict:
    ref = schema.get("$ref")
    if not ref:
        return schema
    return session.get(ref, timeout=10).json()  #@vuln CWE-918
