import os
import ssl
import tempfile
import logging
import pycurl
import requests
import yaml
import xmltodict
from elasticsearch import Elasticsearch
from pathlib import Path

log = logging.getLogger(__name__)


def es_client():
    return Elasticsearch(["https://es.internal:9200"], verify_certs=False)  #@vuln CWE-295


def curl(url):
    c = pycurl.Curl()
    c.setopt(pycurl.URL, url)
    c.setopt(pycurl.SSL_VERIFYPEER, 0)  #@vuln CWE-295
    c.setopt(pycurl.SSL_VERIFYHOST, 0)  #@vuln CWE-295
    c.perform()


def partner_api():
    return requests.get("https://partner.example/api", auth=("svc_partner", "Partn3r!Pass"))  #@vuln CWE-798|CWE-259


def partner_headers():
    return {"X-Api-Key": "b3f1c2d4e5f60718293a4b5c"}  #@vuln CWE-798


def load_rules(text):
    return yaml.full_load(text)  #@vuln CWE-502


def parse_invoice(xml_text):
    return xmltodict.parse(xml_text, disable_entities=False)  #@vuln CWE-611


def parse_invoice_ok(xml_text):
    return xmltodict.parse(xml_text)  #@safe


def lock_file():
    path = os.path.join(tempfile.gettempdir(), "sync.lock")
    with open(path, "w") as fh:  #@vuln CWE-377
        fh.write(str(os.getpid()))


def spool(name, data):
    target = Path("/tmp") / f"{name}.spool"
    target.write_bytes(data)  #@vuln CWE-377


def setup_logging():
    handler = logging.FileHandler("/tmp/integrations.log")  #@vuln CWE-377
    log.addHandler(handler)


def verify_ctx():
    ctx = ssl.create_default_context()
    return ctx  #@safe


def legacy_global():
    ssl._create_default_https_context = ssl._create_unverified_context  #@vuln CWE-295


def get_token_hash(token):
    import hashlib
    return hashlib.sha256(token.encode()).hexdigest()  #@safe
