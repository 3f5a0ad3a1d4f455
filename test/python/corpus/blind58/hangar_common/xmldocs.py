"""Parsers for the XML documents exchanged with vendors and authorities."""
import xml.sax
from xml.sax.handler import feature_external_ges

import defusedxml.ElementTree as DET
from lxml import etree


def parse_vendor_manifest(raw: bytes) -> list[dict]:
    """Shipping manifest sent by the MRO vendor with returned rotables."""
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(raw, parser)  #@vuln CWE-611
    items = []
    for node in root.iterfind(".//item"):
        items.append(
            {
                "part_number": node.findtext("partNumber", default="").strip(),
                "serial_number": node.findtext("serialNumber", default="").strip(),
                "quantity": int(node.findtext("quantity", default="1")),
                "form_one": node.findtext("easaForm1", default="").strip(),
            }
        )
    return items


class _LicenceHandler(xml.sax.ContentHandler):
    FIELDS = {"holderName", "licenceNumber", "category", "typeRating", "expiry"}

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._current: str | None = None

    def startElement(self, name, attrs):
        self._current = name if name in self.FIELDS else None

    def characters(self, content):
        if self._current:
            self.fields[self._current] = self.fields.get(self._current, "") + content

    def endElement(self, name):
        self._current = None


def parse_licence_metadata(stream) -> dict:
    """Metadata sidecar produced by the licence scanning station."""
    handler = _LicenceHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(stream)  #@vuln CWE-611
    return {
        "holder_name": handler.fields.get("holderName", "").strip(),
        "licence_number": handler.fields.get("licenceNumber", "").strip(),
        "category": handler.fields.get("category", "").strip(),
        "type_rating": handler.fields.get("typeRating", "").strip(),
        "expiry": handler.fields.get("expiry", "").strip(),
    }


def parse_airworthiness_directive(raw: bytes) -> dict:
    root = DET.fromstring(raw)  #@safe
    return {
        "number": root.findtext("adNumber", default=""),
        "effective": root.findtext("effectiveDate", default=""),
        "applicability": [n.text for n in root.iterfind(".//model") if n.text],
        "subject": root.findtext("subject", default=""),
    }
