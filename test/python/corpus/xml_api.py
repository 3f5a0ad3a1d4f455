"""Partner XML import endpoint."""
import xml.sax
from xml.dom import pulldom

import defusedxml.minidom
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_orders():
    doc = etree.fromstring(request.data)  #@vuln CWE-611
    return jsonify(count=len(doc.findall("order")))


@app.route("/import/safe", methods=["POST"])
def import_orders_safe():
    doc = defusedxml.minidom.parseString(request.data)  #@safe
    return jsonify(count=len(doc.getElementsByTagName("order")))


@app.route("/import/stream", methods=["POST"])
def import_stream():
    events = pulldom.parseString(request.get_data(as_text=True))  #@vuln CWE-611
    count = sum(1 for ev, node in events if ev == pulldom.START_ELEMENT and node.tagName == "order")
    return jsonify(count=count)


class OrderHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        if name == "order":
            self.count += 1


@app.route("/import/sax", methods=["POST"])
def import_sax():
    handler = OrderHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    xml.sax.parseString(request.data, handler)  #@vuln CWE-611
    return jsonify(count=handler.count)


@app.route("/import/sax/hardened", methods=["POST"])
def import_sax_hardened():
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, False)  #@safe
    return jsonify(ok=True)
