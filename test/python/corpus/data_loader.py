"""Loading cached models and payloads for the recommendation worker."""
import json
import marshal
import pickle
import shelve
import xml.etree.ElementTree as ET
from xml.dom import minidom

import defusedxml.ElementTree as SafeET
import jsonpickle
import yaml
from lxml import etree

CACHE_FILE = "/var/cache/recs/model.pkl"


def load_model(path=CACHE_FILE):
    with open(path, "rb") as fh:
        return pickle.load(fh)  #@vuln CWE-502


def load_message(raw_bytes):
    return pickle.loads(raw_bytes)  #@vuln CWE-502


def save_model(model, path=CACHE_FILE):
    with open(path, "wb") as fh:
        pickle.dump(model, fh)  #@safe


def load_message_json(raw_bytes):
    return json.loads(raw_bytes)  #@safe


def load_code(blob):
    return marshal.loads(blob)  #@vuln CWE-502


def open_store(path):
    return shelve.open(path)  #@vuln CWE-502


def decode_event(text):
    return jsonpickle.decode(text)  #@vuln CWE-502


def parse_rules(text):
    return yaml.load(text)  #@vuln CWE-502


def parse_rules_unsafe(text):
    return yaml.unsafe_load(text)  #@vuln CWE-502


def parse_rules_safe(text):
    return yaml.load(text, Loader=yaml.SafeLoader)  #@safe


def parse_catalog(path):
    parser = etree.XMLParser(resolve_entities=True)  #@vuln CWE-611
    return etree.parse(path, parser)


def parse_catalog_safe(path):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)  #@safe
    return etree.parse(path, parser)


def parse_feed(text):
    return SafeET.fromstring(text)  #@safe


def parse_settings_file():
    tree = ET.parse("/etc/recs/settings.xml")  #@safe
    return tree.getroot()


def pretty(xml_text):
    return minidom.parseString(xml_text).toprettyxml()
