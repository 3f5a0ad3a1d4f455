"""Metadata records attached to catalog entries (DataCite, ISO 19115, THREDDS)."""
import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

import defusedxml.ElementTree as SafeET
from jinja2 import Environment, select_autoescape
from lxml import etree

DATACITE_NS = {"dc": "http://datacite.org/schema/kernel-4"}
ISO_NS = {
    "gmd": "http://www.isotc211.org/2005/gmd",
    "gco": "http://www.isotc211.org/2005/gco",
}

_citation_env = Environment(autoescape=select_autoescape(["html"]))


def parse_datacite(xml_bytes):
    root = SafeET.fromstring(xml_bytes)  #@safe
    creators = [c.findtext("dc:creatorName", namespaces=DATACITE_NS)
                for c in root.findall("dc:creators/dc:creator", DATACITE_NS)]
    return {
        "doi": root.findtext("dc:identifier", namespaces=DATACITE_NS),
        "title": root.findtext("dc:titles/dc:title", namespaces=DATACITE_NS),
        "creators": creators,
        "year": root.findtext("dc:publicationYear", namespaces=DATACITE_NS),
    }


def parse_iso19115(xml_bytes):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    root = etree.fromstring(xml_bytes, parser)  #@vuln CWE-611

    def first(xpath):
        hits = root.xpath(xpath, namespaces=ISO_NS)
        return hits[0].strip() if hits else None

    return {
        "title": first("//gmd:citation//gmd:title/gco:CharacterString/text()"),
        "abstract": first("//gmd:abstract/gco:CharacterString/text()"),
        "west": first("//gmd:westBoundLongitude/gco:Decimal/text()"),
        "east": first("//gmd:eastBoundLongitude/gco:Decimal/text()"),
        "south": first("//gmd:southBoundLatitude/gco:Decimal/text()"),
        "north": first("//gmd:northBoundLatitude/gco:Decimal/text()"),
    }


class _ThreddsHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.datasets = []

    def startElement(self, name, attrs):
        if name == "dataset" and attrs.get("urlPath"):
            self.datasets.append({"name": attrs.get("name"), "url_path": attrs.get("urlPath")})


def parse_thredds_catalog(xml_bytes):
    handler = _ThreddsHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(xml_bytes))  #@vuln CWE-611
    return handler.datasets


def parse_metadata(kind, xml_bytes):
    if kind == "datacite":
        return parse_datacite(xml_bytes)
    if kind == "iso19115":
        return parse_iso19115(xml_bytes)
    raise ValueError(f"unknown metadata kind {kind}")


DEFAULT_CITATION = "{{ creators|join(', ') }} ({{ year }}). {{ title }}. Research Computing Data Catalog. {{ url }}"


def render_citation(dataset, record, url):
    source = dataset.citation_format or DEFAULT_CITATION
    return _citation_env.from_string(source).render(  #@vuln CWE-1336
        title=record.get("title") or dataset.title,
        creators=record.get("creators") or [dataset.owner],
        year=record.get("year", ""),
        url=url,
    )
