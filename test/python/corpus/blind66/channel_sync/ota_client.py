"""HTTP clients for OTA partner endpoints (availability, rates, reservations)."""
import logging
import os
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .celery_app import CA_BUNDLE

log = logging.getLogger(__name__)

PARTNERS = {
    "booking": {"base_url": "https://supply-xml.booking.example/hotels/v1", "key_env": "OTA_BOOKING_KEY"},
    "expedia": {"base_url": "https://services.expediapartnercentral.example/eqc", "key_env": "OTA_EXPEDIA_KEY"},
    "airbnb": {"base_url": "https://api.airbnb.example/v2/hotels", "key_env": "OTA_AIRBNB_KEY"},
}


class OtaClient:
    def __init__(self, channel):
        partner = PARTNERS[channel]
        self.channel = channel
        self.base_url = partner["base_url"]
        self.session = requests.Session()
        self.session.headers.update(
            {"Authorization": f"Bearer {os.environ[partner['key_env']]}", "User-Agent": "GM-ChannelSync/3.4"}
        )
        self.session.verify = CA_BUNDLE  #@safe
        retry = Retry(total=3, backoff_factor=1.5, status_forcelist=(429, 502, 503, 504))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))

    def push_availability(self, hotel_id, days):
        payload = {"hotel_id": hotel_id, "availability": days}
        resp = self.session.post(f"{self.base_url}/availability", json=payload, timeout=30)
        resp.raise_for_status()
        return resp.json()


def fetch_partner_asset(url):
    resp = requests.get(url, timeout=15, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content


ALLOWED_CALLBACK_HOSTS = {
    "supply-xml.booking.example",
    "services.expediapartnercentral.example",
    "api.airbnb.example",
}


def post_ack(callback_url, body):
    parsed = urlparse(callback_url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_CALLBACK_HOSTS:
        log.warning("refusing ack to %s", parsed.hostname)
        return None
    return requests.post(callback_url, json=body, timeout=10, verify=CA_BUNDLE)  #@safe
