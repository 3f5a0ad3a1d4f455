"""Parsers for partner invoice XML, UBL documents and CAMT bank statements."""
import io
import xml.sax
from decimal import Decimal
from xml.sax.handler import ContentHandler, feature_external_ges

import defusedxml.ElementTree as SafeET
import requests
from lxml import etree

NS = {"inv": "urn:ledgerlink:invoice:2"}
UBL = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


def _cents(value):
    return int(Decimal(value or "0") * 100)


def parse_partner_invoice_xml(data):
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
    out = []
    for node in root.iterfind(".//inv:Invoice", NS):
        out.append({"number": node.findtext("inv:Number", namespaces=NS),
                    "customer": node.findtext("inv:Customer/inv:Name", namespaces=NS),
                    "amount_cents": _cents(node.findtext("inv:Total", namespaces=NS)),
                    "currency": node.findtext("inv:Currency", default="EUR", namespaces=NS)})
    return out


def parse_ubl_invoice(data):
    root = SafeET.fromstring(data)  #@safe
    return [{
        "number": root.findtext("cbc:ID", namespaces=UBL),
        "customer": root.findtext("cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name", namespaces=UBL),
        "amount_cents": _cents(root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=UBL)),
        "currency": root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", UBL).get("currencyID", "EUR"),
    }]


class _CamtHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.entries, self._current, self._text = [], None, ""

    def startElement(self, name, attrs):
        self._text = ""
        if name == "Ntry":
            self._current = {"currency": "EUR"}

    def characters(self, content):
        self._text += content

    def endElement(self, name):
        if self._current is None:
            return
        if name == "Amt":
            self._current["amount_cents"] = _cents(self._text.strip())
        elif name in ("CdtDbtInd", "Ustrd"):
            self._current[name] = self._text.strip()
        elif name == "Ntry":
            self.entries.append(self._current)
            self._current = None


def parse_camt_statement(data):
    handler = _CamtHandler()
    parser = xml.sax.make_parser()
    parser.setContentHandler(handler)
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    parser.parse(io.BytesIO(data))
    return handler.entries


def fetch_feed(url):
    """Tenants can point us at an XML feed their ERP publishes."""
    resp = requests.get(url, timeout=20, headers={"Accept": "application/xml"})  #@vuln CWE-918
    resp.raise_for_status()
    return parse_ubl_invoice(resp.content)
