import xml.sax
from dataclasses import dataclass
from xml.sax.handler import feature_external_ges

from lxml import etree


@dataclass
class FeedItem:
    sku: str
    title: str
    price: str


def parse_catalog_feed(data: bytes) -> list[FeedItem]:
    parser = etree.XMLParser(resolve_entities=True, no_network=False, huge_tree=True)  #@vuln CWE-611
    root = etree.fromstring(data, parser)
    return [
        FeedItem(sku=node.findtext("sku", ""), title=node.findtext("title", ""), price=node.findtext("price", "0"))
        for node in root.iterfind(".//item")
    ]


def parse_price_list(data: bytes) -> dict[str, str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)  #@safe
    root = etree.fromstring(data, parser)
    return {row.get("sku"): row.get("price") for row in root.iter("row")}


class OrderHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.orders: list[dict] = []
        self._text: list[str] = []

    def startElement(self, name, attrs):
        if name == "order":
            self.orders.append({"id": attrs.get("id")})
        self._text = []

    def characters(self, content):
        self._text.append(content)

    def endElement(self, name):
        if self.orders and name != "order":
            self.orders[-1][name] = "".join(self._text).strip()


def parse_partner_orders(stream) -> list[dict]:
    handler = OrderHandler()
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, True)  #@vuln CWE-611
    reader.setContentHandler(handler)
    reader.parse(stream)
    return handler.orders
