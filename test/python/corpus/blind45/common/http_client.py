"""Outbound HTTP: ELN lookups, vendor CoA downloads, webhooks and images."""
import base64
import logging

import requests

log = logging.getLogger(__name__)

ELN_BASE = "https://eln.lab.internal/api/v1/"
VENDOR_BASE = "https://portal.reagentco.com/api/"
VENDOR_API_KEY = "rc_live_7f3e9a1c55d04b8e9d2a61f0c3b7e812"  #@vuln CWE-798

_session = requests.Session()
_session.headers["User-Agent"] = "lims-bot/2.3"

_vendor_session = requests.Session()
_vendor_session.headers["Authorization"] = f"Bearer {VENDOR_API_KEY}"
# their portal sits behind a proxy with an expired intermediate, see ticket LIMS-412
_vendor_session.verify = False  #@vuln CWE-295


def eln_experiment(experiment_id):
    url = f"{ELN_BASE}experiments/{int(experiment_id)}"
    resp = _session.get(url, timeout=10)  #@safe
    resp.raise_for_status()
    return resp.json()


def vendor_certificate(lot_number):
    resp = _vendor_session.get(VENDOR_BASE + "coa", params={"lot": lot_number}, timeout=30)
    resp.raise_for_status()
    return resp.content


def post_webhook(url, payload, timeout=10):
    try:
        resp = _session.post(url, json=payload, timeout=timeout)  #@vuln CWE-918
        log.info("webhook %s -> %s", url, resp.status_code)
        return resp.status_code
    except requests.RequestException as exc:
        log.warning("webhook %s failed: %s", url, exc)
        return None


def fetch_image_data_uri(url):
    """Download an image and return it as a data: URI for embedding in PDFs."""
    resp = _session.get(url, timeout=10)  #@vuln CWE-918
    resp.raise_for_status()
    mime = resp.headers.get("Content-Type", "image/png").split(";")[0]
    return f"data:{mime};base64," + base64.b64encode(resp.content).decode()
