"""Parsers for the supplier feed formats we receive.

Every parser yields dicts with the keys: sku, title, description, price,
cost, stock, category, image_url.
"""
import csv
import decimal
import io
import json
import logging
import xml.sax
import xml.sax.handler

import defusedxml.ElementTree as SafeET
import yaml
from lxml import etree

log = logging.getLogger(__name__)

DEFAULT_MAPPING = {
    "sku": "sku", "title": "name", "description": "description", "price": "rrp",
    "cost": "trade_price", "stock": "qty", "category": "category", "image_url": "image",
}


def load_mapping(text):
    """Column mappings are uploaded by suppliers in the partner portal."""
    mapping = yaml.load(text, Loader=yaml.Loader)  #@vuln CWE-502
    return {**DEFAULT_MAPPING, **(mapping or {})}


def load_mapping_v2(text):
    mapping = yaml.safe_load(text)  #@safe
    if not isinstance(mapping, dict):
        raise ValueError("mapping must be a YAML mapping")
    return {**DEFAULT_MAPPING, **{str(k): str(v) for k, v in mapping.items()}}


def _normalise(raw, mapping):
    def pick(key):
        return (raw.get(mapping[key]) or "").strip()
    return {
        "sku": pick("sku"),
        "title": pick("title"),
        "description": pick("description"),
        "price": decimal.Decimal(pick("price") or "0"),
        "cost": decimal.Decimal(pick("cost") or "0"),
        "stock": int(pick("stock") or 0),
        "category": pick("category"),
        "image_url": pick("image_url"),
    }


def parse_csv(data: bytes, mapping=DEFAULT_MAPPING):
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    for raw in reader:
        yield _normalise(raw, mapping)


def parse_json(data: bytes, mapping=DEFAULT_MAPPING):
    doc = json.loads(data)
    for raw in doc.get("products", []):
        yield _normalise({k: str(v) for k, v in raw.items()}, mapping)


def parse_xml(data: bytes, mapping=DEFAULT_MAPPING):
    """Brightline & Kettering: <catalogue><product>...</product></catalogue>."""
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False, huge_tree=True)  #@vuln CWE-611
    root = etree.fromstring(data, parser)
    for node in root.iter("product"):
        yield _normalise({child.tag: child.text or "" for child in node}, mapping)


def parse_xml_strict(data: bytes, mapping=DEFAULT_MAPPING):
    """Greenleaf send namespaced XML; defusedxml is fine for it."""
    root = SafeET.fromstring(data)  #@safe
    for node in root.iter("{urn:greenleaf:catalogue}item"):
        yield _normalise({child.tag.split("}")[-1]: child.text or "" for child in node}, mapping)


class _NordhausHandler(xml.sax.handler.ContentHandler):
    """Collects <Artikel><Feld>text</Feld>...</Artikel> into dicts."""

    def __init__(self):
        super().__init__()
        self.items, self._field, self._buf = [], None, []

    def startElement(self, name, attrs):
        if name == "Artikel":
            self.items.append({})
        self._field, self._buf = name, []

    def characters(self, content):
        self._buf.append(content)

    def endElement(self, name):
        if self.items and name == self._field and name != "Artikel":
            self.items[-1][name] = "".join(self._buf).strip()


def parse_nordhaus(data: bytes, mapping=DEFAULT_MAPPING):
    """Nordhaus feed is 200MB, so stream it with SAX."""
    handler = _NordhausHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(data))
    for raw in handler.items:
        yield _normalise(raw, mapping)


PARSERS = {".csv": parse_csv, ".json": parse_json, ".xml": parse_xml}
