"""XML/SOAP handling for OTA messages and the GDS rate interface."""
import os
from decimal import Decimal

from defusedxml import ElementTree as DefusedET
import requests
from lxml import etree
from zeep import Client, Settings
from zeep.transports import Transport

from .celery_app import CA_BUNDLE

OTA_NS = {"ota": "http://www.opentravel.org/OTA/2003/05"}
GDS_WSDL = os.environ.get("GDS_WSDL_URL", "https://gds.partner.example/RateService?wsdl")
CRS_WSDL = os.environ.get("CRS_WSDL_URL", "https://crs-legacy.internal:8443/ReservationService?wsdl")

OTA_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def gds_client():
    session = requests.Session()
    session.verify = CA_BUNDLE
    session.auth = (os.environ["GDS_USERNAME"], os.environ["GDS_PASSWORD"])
    transport = Transport(session=session, timeout=30, operation_timeout=60)
    return Client(GDS_WSDL, transport=transport, settings=Settings(strict=False, xml_huge_tree=False))


def crs_client():
    session = requests.Session()
    session.verify = False  #@vuln CWE-295
    session.auth = (os.environ.get("CRS_USERNAME", "pms"), os.environ.get("CRS_PASSWORD", ""))
    return Client(CRS_WSDL, transport=Transport(session=session, timeout=30))


def push_rates_to_gds(hotel_code, rates):
    client = gds_client()
    rate_type = client.get_type("ns0:RateAmount")
    amounts = [rate_type(RatePlanCode=r["code"], Date=r["date"], Amount=str(r["amount"])) for r in rates]
    return client.service.UpdateRates(HotelCode=hotel_code, Rates={"RateAmount": amounts})


def parse_reservation_notification(body):
    root = etree.fromstring(body, OTA_PARSER)  #@safe
    results = []
    for res in root.iterfind(".//ota:HotelReservation", OTA_NS):
        name = res.find(".//ota:PersonName", OTA_NS)
        span = res.find(".//ota:TimeSpan", OTA_NS)
        guest = {
            "first_name": name.findtext("ota:GivenName", namespaces=OTA_NS),
            "last_name": name.findtext("ota:Surname", namespaces=OTA_NS),
            "email": res.findtext(".//ota:Email", namespaces=OTA_NS),
        }
        results.append(
            {
                "ota_id": res.find(".//ota:UniqueID", OTA_NS).get("ID"),
                "guest": guest,
                "arrival": span.get("Start"),
                "departure": span.get("End"),
                "room_code": res.find(".//ota:RoomType", OTA_NS).get("RoomTypeCode"),
                "comments": res.findtext(".//ota:Comment/ota:Text", namespaces=OTA_NS) or "",
            }
        )
    return results


def parse_rate_notification(body):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    root = etree.fromstring(body, parser)  #@vuln CWE-611
    rates = []
    for rate in root.iterfind(".//ota:Rate", OTA_NS):
        base = rate.find("ota:BaseByGuestAmts/ota:BaseByGuestAmt", OTA_NS)
        rates.append(
            {
                "start": rate.get("Start"),
                "end": rate.get("End"),
                "amount": Decimal(base.get("AmountAfterTax")),
                "currency": base.get("CurrencyCode"),
            }
        )
    return rates


def parse_inventory_ack(body):
    root = DefusedET.fromstring(body)  #@safe
    errors = [e.text for e in root.iter("{http://www.opentravel.org/OTA/2003/05}Error")]
    return {"success": root.find("{http://www.opentravel.org/OTA/2003/05}Success") is not None, "errors": errors}


def load_legacy_batch(path):
    tree = etree.parse(path, etree.XMLParser(resolve_entities=True, dtd_validation=False))  #@vuln CWE-611
    return [
        {"code": node.get("code"), "rooms": int(node.get("allotment", "0"))}
        for node in tree.getroot().iter("Allotment")
    ]
