"""Client for the national address lookup partner API, with the old council gazetteer as fallback."""
import logging

import requests
from django.conf import settings

from .forms import normalise_postcode

log = logging.getLogger(__name__)


class AddressLookupError(Exception):
    pass


class AddressClient:
    def __init__(self):
        self.base = settings.ADDRESS_API_BASE.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update({"x-api-key": settings.ADDRESS_API_KEY, "Accept": "application/json"})

    def search(self, postcode):
        postcode = normalise_postcode(postcode)
        resp = self.session.get(f"{self.base}/v2/addresses", params={"postcode": postcode}, timeout=5, verify=settings.PARTNER_CA_BUNDLE) #@safe
        if resp.status_code == 503:
            return self.gazetteer(postcode)
        resp.raise_for_status()
        return self._shape(resp.json())

    def next_page(self, next_url):
        # the partner returns absolute "next" links; the browser hands them back to us
        resp = self.session.get(next_url, timeout=5) #@vuln CWE-918
        resp.raise_for_status()
        return self._shape(resp.json())

    def by_uprn(self, uprn):
        if not str(uprn).isdigit():
            raise AddressLookupError("bad uprn")
        resp = self.session.get(f"{self.base}/v2/uprn/{uprn}", timeout=5) #@safe
        resp.raise_for_status()
        return resp.json()

    def gazetteer(self, postcode):
        # internal gazetteer has a self-signed cert that nobody has renewed
        resp = requests.get(settings.GAZETTEER_URL, params={"pc": postcode}, timeout=10, verify=False) #@vuln CWE-295
        resp.raise_for_status()
        return [{"uprn": r["UPRN"], "label": r["ADDRESS"]} for r in resp.json().get("results", [])]

    @staticmethod
    def _shape(payload):
        items = [{"uprn": a["uprn"], "label": a["formatted_address"]} for a in payload.get("results", [])]
        return {"results": items, "next": payload.get("next")}
