"""EDI/XML message handling for the carrier gateway.

Partners drop DESADV/ASN, status feeds and customs acknowledgements on the
SFTP gateway or POST them to /edi/inbound; the gateway hands us the raw bytes.
"""
import hashlib
import hmac
import logging
import xml.sax
from xml.sax.handler import feature_external_ges

from defusedxml import ElementTree as SafeET
from lxml import etree

from common import config

log = logging.getLogger(__name__)

NS = {"asn": "urn:logistics:edi:asn:2", "inv": "urn:logistics:edi:invoice:1"}


def verify_gateway_signature(body: bytes, signature: str) -> bool:
    # Signature scheme agreed with the EDI gateway vendor in 2016.
    expected = hashlib.md5(config.EDI_GATEWAY_SECRET + body).hexdigest()  #@vuln CWE-328|CWE-327
    return hmac.compare_digest(expected, signature)


def parse_shipment_notice(raw: bytes) -> dict:
    """DESADV/ASN in XML. Some partners reference their own DTDs for code lists."""
    root = etree.fromstring(raw, etree.XMLParser(resolve_entities=True, load_dtd=True))  #@vuln CWE-611
    header = root.find("asn:Header", NS)
    lines = [{"sscc": line.findtext("asn:SSCC", namespaces=NS), "sku": line.findtext("asn:SKU", namespaces=NS),
              "qty": int(line.findtext("asn:Quantity", "0", namespaces=NS))}
             for line in root.iterfind("asn:Lines/asn:Line", NS)]
    return {"sender": header.findtext("asn:Sender", namespaces=NS),
            "reference": header.findtext("asn:ShipmentRef", namespaces=NS), "lines": lines}


def parse_invoice(raw: bytes) -> dict:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(raw, parser)  #@safe
    return {"number": root.findtext("inv:Number", namespaces=NS), "total": root.findtext("inv:Total", namespaces=NS),
            "currency": root.findtext("inv:Currency", "EUR", namespaces=NS)}


def parse_customs_ack(raw: bytes) -> dict:
    root = SafeET.fromstring(raw)  #@safe
    return {"mrn": root.findtext("MRN"), "status": root.findtext("Status"), "remarks": [r.text for r in root.iter("Remark")]}


class _StatusFeedHandler(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[dict] = []

    def startElement(self, name, attrs):
        # <Event shipment="..." code="DEP" location="NLRTM" ts="..."/>
        if name == "Event":
            self.events.append({k: attrs.get(k, "") for k in ("shipment", "code", "location", "ts")})


def parse_status_feed(stream) -> list[dict]:
    """Large hourly status feeds (50-200 MB) from sea carriers, parsed with SAX."""
    handler = _StatusFeedHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.events
