import xml.sax
from xml.sax.handler import feature_external_ges

from lxml import etree


def parse_partner_feed(raw: bytes) -> list[dict]:
    root = etree.fromstring(raw, etree.XMLParser(resolve_entities=True, load_dtd=True))  #@vuln CWE-611
    return [
        {child.tag: child.text for child in record}
        for record in root.iterfind(".//record")
    ]


def parse_feed_strict(raw: bytes) -> list[dict]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(raw, parser)  #@safe
    return [{child.tag: child.text for child in record} for record in root.iterfind(".//record")]


class RowHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []

    def startElement(self, name, attrs):
        if name == "row":
            self.rows.append(dict(attrs))


def stream_rows(stream) -> list[dict]:
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    handler = RowHandler()
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.rows
