"""Miscellaneous API: search patterns, Mongo queries, CORS, permissions, plugins, XPath."""
import importlib
import os
import re
import stat
import telnetlib

from flask import Flask, jsonify, request
from flask_cors import CORS
from lxml import etree
from pymongo import MongoClient

app = Flask(__name__)
CORS(app, origins="*", supports_credentials=True)  #@vuln CWE-942
mongo = MongoClient("mongodb://db.internal:27017")
users = mongo.app.users
CATALOG = etree.parse("/srv/catalog.xml")
PLUGINS = {"csv": "exporters.csv", "pdf": "exporters.pdf"}


@app.route("/grep")
def grep():
    pattern = request.args.get("pattern", "")
    rx = re.compile(pattern)  #@vuln CWE-1333
    return jsonify([l for l in open("/srv/data.txt") if rx.search(l)])


@app.route("/grep-literal")
def grep_literal():
    needle = request.args.get("q", "")
    rx = re.compile(re.escape(needle))  #@safe
    return jsonify([l for l in open("/srv/data.txt") if rx.search(l)])


@app.route("/users/find", methods=["POST"])
def find_users():
    query = request.get_json()
    return jsonify(list(users.find(query, {"_id": 0})))  #@vuln CWE-943


@app.route("/users/where")
def users_where():
    age = request.args.get("age", "0")
    return jsonify(list(users.find({"$where": "this.age > " + age})))  #@vuln CWE-943


@app.route("/users/by-name")
def users_by_name():
    name = request.args.get("name", "")
    return jsonify(list(users.find({"name": str(name)}, {"_id": 0})))  #@safe


@app.route("/export/<kind>")
def export(kind):
    mod = importlib.import_module(request.args.get("module", "exporters.csv"))  #@vuln CWE-470
    return mod.run()


@app.route("/export-safe/<kind>")
def export_safe(kind):
    if kind not in PLUGINS:
        return "unknown", 404
    mod = importlib.import_module(PLUGINS[kind])  #@safe
    return mod.run()


@app.route("/catalog")
def catalog():
    sku = request.args.get("sku", "")
    items = CATALOG.xpath("//item[@sku='" + sku + "']")  #@vuln CWE-643
    return jsonify([i.get("name") for i in items])


@app.route("/catalog-safe")
def catalog_safe():
    sku = request.args.get("sku", "")
    items = CATALOG.xpath("//item[@sku=$sku]", sku=sku)  #@safe
    return jsonify([i.get("name") for i in items])


def publish(path):
    os.chmod(path, 0o777)  #@vuln CWE-732
    os.chmod(path + ".meta", 0o640)  #@safe
    os.chmod(path + ".pub", stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)  #@vuln CWE-732


def switch_console(host):
    tn = telnetlib.Telnet(host, 23)  #@vuln CWE-319
    tn.write(b"show status\n")
    return tn.read_all()
