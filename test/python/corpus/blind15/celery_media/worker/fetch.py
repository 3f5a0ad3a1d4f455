import ssl
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import requests

TRUSTED_HOSTS = {"media.partner.example", "assets.internal.example"}


def _legacy_context() -> ssl.SSLContext:
    return ssl._create_unverified_context()  #@vuln CWE-295


def download(url: str, dest: Path) -> None:
    with urllib.request.urlopen(url, context=_legacy_context(), timeout=60) as resp:  #@vuln CWE-918
        dest.write_bytes(resp.read())


def cdn_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx


def download_trusted(url: str, dest: Path) -> None:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in TRUSTED_HOSTS:
        raise ValueError(f"untrusted host {parsed.hostname}")
    resp = requests.get(url, timeout=60, verify=True)  #@safe
    resp.raise_for_status()
    dest.write_bytes(resp.content)


def notify(callback_url: str, payload: dict) -> None:
    requests.post(callback_url, json=payload, timeout=10)  #@vuln CWE-918
