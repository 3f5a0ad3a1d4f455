"""Client for the external fraud-scoring partner and the industry watchlist."""
import logging
import os

import requests

log = logging.getLogger(__name__)


class Settings:
    PARTNER_BASE_URL = os.environ.get("FRAUD_PARTNER_URL", "https://api.riskgraph-partner.com")
    PARTNER_API_KEY = "rg_live_5f2c9a71d04e4b8e9c3a6d1f7b20e8aa"  #@vuln CWE-798
    PARTNER_CA_BUNDLE = os.environ.get("FRAUD_PARTNER_CA", "/etc/ssl/certs/riskgraph-ca.pem")
    VERIFY_TLS = False  #@vuln CWE-295
    WATCHLIST_URL = os.environ.get("FRAUD_WATCHLIST_URL", "https://watchlist.nicb-mirror.internal/v1/entities")
    MONGO_URI = os.environ.get("FRAUD_MONGO_URI", "mongodb://mongo:27017")
    MONGO_DB = "fraud"
    WEBHOOK_SECRET = os.environ.get("FRAUD_WEBHOOK_SECRET", "").encode()
    REQUEST_TIMEOUT = float(os.environ.get("FRAUD_TIMEOUT", "8"))


settings = Settings()


class PartnerClient:
    def __init__(self, base_url=None, api_key=None):
        self.base_url = (base_url or settings.PARTNER_BASE_URL).rstrip("/")
        self.session = requests.Session()
        self.session.headers.update({"X-Api-Key": api_key or settings.PARTNER_API_KEY, "Accept": "application/json"})

    def score_claim(self, features):
        resp = self.session.post(  #@vuln CWE-918
            f"{self.base_url}/v2/score", json=features, timeout=settings.REQUEST_TIMEOUT, verify=settings.VERIFY_TLS
        )
        resp.raise_for_status()
        return resp.json()

    def explain(self, score_id):
        resp = self.session.get(  #@safe
            f"{settings.PARTNER_BASE_URL}/v2/score/{int(score_id)}/explain",
            timeout=settings.REQUEST_TIMEOUT,
            verify=settings.PARTNER_CA_BUNDLE,
        )
        resp.raise_for_status()
        return resp.json()


def check_watchlist(name, postcode):
    resp = requests.get(  #@vuln CWE-295
        settings.WATCHLIST_URL, params={"name": name, "postcode": postcode}, timeout=5, verify=False
    )
    if resp.status_code == 404:
        return []
    resp.raise_for_status()
    return resp.json().get("matches", [])


def notify_callback(callback_url, result):
    try:
        requests.post(callback_url, json=result, timeout=5)  #@vuln CWE-918
    except requests.RequestException:
        log.warning("callback to %s failed", callback_url)
