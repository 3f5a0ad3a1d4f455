from urllib.parse import urlsplit

import requests
from flask import current_app


def fetch_rating_sheet(url: str) -> bytes:
    resp = requests.get(url, timeout=20)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content


def fetch_allowed_sheet(url: str) -> bytes:
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in current_app.config["RATING_HOSTS"]:
        raise ValueError(f"rating host not permitted: {parts.hostname}")
    resp = requests.get(url, timeout=20, verify=True, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content
