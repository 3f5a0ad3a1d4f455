import os
import pickle
import shelve
import tempfile
import marshal
import yaml
import jsonpickle
import dill
import numpy as np
import pandas as pd
import torch
from lxml import etree
import xml.sax
from xml.dom import pulldom
import defusedxml.ElementTree as DET


def load_cache(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)  #@vuln CWE-502


def load_blob(blob):
    return pickle.loads(blob)  #@vuln CWE-502


def load_state(s):
    return jsonpickle.decode(s)  #@vuln CWE-502


def load_dill(b):
    return dill.loads(b)  #@vuln CWE-502


def load_code(b):
    return marshal.loads(b)  #@vuln CWE-502


def open_db(name):
    return shelve.open(name)  #@vuln CWE-502


def read_config(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.FullLoader)  #@vuln CWE-502


def read_config2(text):
    return yaml.load(text)  #@vuln CWE-502


def read_config_ok(text):
    return yaml.load(text, Loader=yaml.SafeLoader)  #@safe


def read_config_ok2(text):
    return yaml.safe_load(text)  #@safe


def load_model(path):
    return torch.load(path)  #@vuln CWE-502


def load_model_ok(path):
    return torch.load(path, weights_only=True)  #@safe


def load_arr(path):
    return np.load(path, allow_pickle=True)  #@vuln CWE-502


def load_arr_ok(path):
    return np.load(path)  #@safe


def load_frame(path):
    return pd.read_pickle(path)  #@vuln CWE-502


def parse_feed(data: bytes):
    parser = etree.XMLParser(resolve_entities=True)  #@vuln CWE-611
    return etree.fromstring(data, parser)


def parse_feed2(path):
    parser = etree.XMLParser(no_network=False)  #@vuln CWE-611
    return etree.parse(path, parser)


def parse_feed_ok(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)  #@safe
    return etree.fromstring(data, parser)


def parse_safe(data):
    return DET.fromstring(data)  #@safe


def sax_parse(stream, handler):
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(stream)


def scratch_file():
    name = tempfile.mktemp(suffix=".csv")  #@vuln CWE-377
    return name


def scratch_ok():
    fd, name = tempfile.mkstemp(suffix=".csv")  #@safe
    return fd, name


def write_report(report_id, rows):
    with open("/tmp/report-%s.csv" % report_id, "w") as fh:  #@vuln CWE-377
        fh.writelines(rows)


def write_export(user):
    path = os.path.join("/tmp", f"export_{user}.json")
    with open(path, "w") as fh:  #@vuln CWE-377
        fh.write("{}")


def write_ok(rows):
    with tempfile.NamedTemporaryFile("w", delete=False, suffix=".csv") as fh:  #@safe
        fh.writelines(rows)
        return fh.name


def read_tmp():
    with open("/tmp/status.txt") as fh:  #@safe
        return fh.read()


def publish(path):
    os.chmod(path, 0o777)  #@vuln CWE-732


def publish_ok(path):
    os.chmod(path, 0o600)  #@safe
