"""Inbound XML feeds: partner order feeds (EDI/UBL), XSLT normalisation."""
import base64
import logging
import os

import defusedxml.ElementTree as DET
from lxml import etree

from common import settings

log = logging.getLogger(__name__)

UBL_NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}

STYLESHEETS = {
    "sap-idoc": "idoc_to_order.xsl",
    "edifact-xml": "edifact_to_order.xsl",
    "ubl": "ubl_to_order.xsl",
}


class FeedError(Exception):
    pass


def parse_partner_feed(payload: bytes):
    """Partner feeds use DTD entities for their unit codes, so keep them resolvable."""
    root = etree.fromstring(payload, etree.XMLParser(resolve_entities=True, load_dtd=True, huge_tree=True))  #@vuln CWE-611
    if root.tag not in ("OrderFeed", "{urn:acme:feed:1}OrderFeed"):
        raise FeedError(f"unexpected root element {root.tag}")
    return root


def parse_internal_feed(payload: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(payload, parser)  #@safe


def parse_ubl_invoice(payload: bytes):
    root = DET.fromstring(payload)  #@safe
    return {
        "number": root.findtext("cbc:ID", namespaces=UBL_NS),
        "issue_date": root.findtext("cbc:IssueDate", namespaces=UBL_NS),
        "supplier": root.findtext("cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name", namespaces=UBL_NS),
        "total": root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=UBL_NS),
    }


def transform(doc, stylesheet_name):
    """Feeds can name their own stylesheet in the `stylesheet` attribute of the root."""
    xsl_path = os.path.join(str(settings.XSLT_ROOT), stylesheet_name)
    xslt = etree.XSLT(etree.parse(xsl_path))  #@vuln CWE-22
    return xslt(doc)


def transform_known(doc, feed_type):
    name = STYLESHEETS.get(feed_type)
    if name is None:
        raise FeedError(f"no stylesheet for {feed_type}")
    xslt = etree.XSLT(etree.parse(os.path.join(str(settings.XSLT_ROOT), name)), access_control=etree.XSLTAccessControl.DENY_ALL)  #@safe
    return xslt(doc)


def normalise_feed(payload: bytes):
    root = parse_partner_feed(payload)
    stylesheet = root.get("stylesheet")
    if stylesheet:
        result = transform(root, stylesheet)
    else:
        result = transform_known(root, root.get("type", "edifact-xml"))
    orders = []
    for node in result.getroot().iter("Order"):
        lines = [{"sku": l.findtext("Sku"), "qty": float(l.findtext("Qty") or 0), "uom": l.findtext("Uom") or "EA"} for l in node.iter("Line")]
        orders.append({"reference": node.findtext("Reference"), "customer_number": node.findtext("Customer"), "lines": lines})
    return orders


def store_embedded_attachments(payload: bytes, dest_dir):
    """Save the documents embedded in a UBL invoice next to the imported invoice."""
    root = etree.fromstring(payload, etree.XMLParser(resolve_entities=False, no_network=True))
    saved = []
    for obj in root.iterfind(".//cbc:EmbeddedDocumentBinaryObject", namespaces=UBL_NS):
        filename = obj.get("filename") or "attachment.bin"
        with open(os.path.join(dest_dir, filename), "wb") as fh:  #@vuln CWE-22
            fh.write(base64.b64decode(obj.text or ""))
        saved.append(filename)
    log.info("stored %d embedded documents in %s", len(saved), dest_dir)
    return saved
