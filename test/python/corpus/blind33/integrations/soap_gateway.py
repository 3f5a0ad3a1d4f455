"""SOAP integrations: the SAP order API and partners' own logistics services."""
import logging
from urllib.parse import urlparse

import requests
from requests.auth import HTTPBasicAuth
from zeep import Client, Settings
from zeep.cache import SqliteCache
from zeep.exceptions import Fault, TransportError
from zeep.helpers import serialize_object
from zeep.transports import Transport

from common import settings

log = logging.getLogger(__name__)

_zeep_settings = Settings(strict=False, xml_huge_tree=True, forbid_dtd=True, forbid_entities=True)

_sap_session = requests.Session()
_sap_session.auth = HTTPBasicAuth(settings.SAP_USER, settings.SAP_PASSWORD)
_sap_session.verify = False  #@vuln CWE-295

_client = None


class PartnerEndpointRejected(Exception):
    pass


def erp_client():
    global _client
    if _client is None:
        transport = Transport(session=_sap_session, timeout=30, cache=SqliteCache(path="/var/cache/acme/zeep.db", timeout=86400))
        _client = Client(settings.SAP_WSDL, transport=transport, settings=_zeep_settings)
    return _client


def push_order(order):
    """Create the sales order in SAP and return the SAP document number."""
    client = erp_client()
    items = [{"Material": l["sku"], "Quantity": l["qty"], "Unit": l.get("uom", "EA")} for l in order["lines"]]
    try:
        result = client.service.ZOrderCreate(CustomerNumber=order["customer_number"], PurchaseOrder=order["reference"], Items={"item": items})
    except Fault as exc:
        log.error("SAP rejected %s: %s", order["reference"], exc.message)
        raise
    return serialize_object(result)["SalesDocument"]


def partner_client(wsdl_url):
    """Client for the SOAP endpoint a partner registered during onboarding."""
    transport = Transport(timeout=20, operation_timeout=60)
    return Client(wsdl_url, transport=transport, settings=_zeep_settings)  #@vuln CWE-918


def partner_client_checked(wsdl_url):
    parsed = urlparse(wsdl_url)
    if parsed.scheme != "https" or parsed.hostname not in settings.PARTNER_SOAP_HOSTS:
        raise PartnerEndpointRejected(wsdl_url)
    transport = Transport(timeout=20, operation_timeout=60)
    return Client(parsed.geturl(), transport=transport, settings=_zeep_settings)  #@safe


def fetch_partner_catalog(client, partner_code, since=None):
    try:
        response = client.service.GetCatalog(PartnerCode=partner_code, ModifiedSince=since)
    except (Fault, TransportError):
        log.exception("catalog call failed for %s", partner_code)
        return []
    return [serialize_object(item) for item in (response.Items or [])]
