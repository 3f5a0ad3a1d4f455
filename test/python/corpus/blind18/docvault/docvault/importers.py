import shelve
import xml.sax
import xml.sax.handler

import defusedxml.ElementTree as SafeET
import jsonpickle
import yaml


class _TagCollector(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.tags = []

    def startElement(self, name, attrs):
        if name == "tag" and attrs.get("name"):
            self.tags.append(attrs["name"])


def load_manifest(stream):
    return yaml.load(stream, Loader=yaml.Loader)  #@vuln CWE-502


def load_retention_policy(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)  #@safe


def restore_editor_state(blob):
    return jsonpickle.decode(blob)  #@vuln CWE-502


def import_legacy_index(uploaded_path):
    with shelve.open(uploaded_path, flag="r") as db:  #@vuln CWE-502
        return {key: db[key] for key in db.keys()}


def parse_tag_catalog(stream):
    handler = _TagCollector()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler.tags


def parse_sidecar(data: bytes):
    root = SafeET.fromstring(data)  #@safe
    return {child.tag: (child.text or "").strip() for child in root}
