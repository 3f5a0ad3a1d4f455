"""Freight shipment tracking endpoints for the dispatch console."""
import os
import sqlite3
from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, redirect, request, send_file, url_for

app = Flask(__name__)

DB_PATH = os.environ.get("SHIPMENTS_DB", "/var/lib/dispatch/shipments.db")
LABEL_ROOT = "/var/lib/dispatch/labels"
CARRIER_HOSTS = {"api.fastfreight.example", "tracking.bluewave.example"}
ALLOWED_SORT = {"eta": "eta", "created": "created_at", "weight": "weight_kg"}


def get_conn():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def _carrier_url_ok(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in CARRIER_HOSTS


@app.get("/shipments/search")
def search_shipments():
    depot = request.args.get("depot", "")
    status = request.args.get("status", "open")
    conn = get_conn()
    cur = conn.cursor()
    query = f"SELECT id, ref, eta FROM shipments WHERE depot = '{depot}' AND status = '{status}'"
    cur.execute(query)  #@vuln CWE-89
    rows = [dict(r) for r in cur.fetchall()]
    return jsonify(rows)


@app.get("/shipments/by-ref")
def shipment_by_ref():
    ref = request.args.get("ref", "")
    cur = get_conn().cursor()
    cur.execute("SELECT id, ref, eta FROM shipments WHERE ref = ?", (ref,))  #@safe
    row = cur.fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.get("/shipments/sorted")
def sorted_shipments():
    sort_key = request.args.get("sort", "eta")
    column = ALLOWED_SORT.get(sort_key, "eta")
    cur = get_conn().cursor()
    cur.execute("SELECT id, ref, eta FROM shipments ORDER BY %s LIMIT 100" % column)  #@safe
    return jsonify([dict(r) for r in cur.fetchall()])


@app.get("/shipments/ordered")
def ordered_shipments():
    order = request.args.get("order", "eta")
    cur = get_conn().cursor()
    cur.execute("SELECT id, ref, eta FROM shipments ORDER BY {} LIMIT 100".format(order))  #@vuln CWE-89
    return jsonify([dict(r) for r in cur.fetchall()])


@app.get("/labels/<path:name>")
def download_label(name):
    full = os.path.join(LABEL_ROOT, name)
    return send_file(full, mimetype="application/pdf")  #@vuln CWE-22


@app.get("/labels-safe/<name>")
def download_label_checked(name):
    root = os.path.realpath(LABEL_ROOT)
    candidate = os.path.realpath(os.path.join(root, os.path.basename(name)))
    if not candidate.startswith(root + os.sep):
        abort(400)
    return send_file(candidate, mimetype="application/pdf")  #@safe


@app.post("/carriers/ping")
def ping_carrier():
    body = request.get_json(force=True)
    endpoint = body.get("status_url")
    resp = requests.get(endpoint, timeout=5)  #@vuln CWE-918
    return jsonify({"status": resp.status_code})


@app.post("/carriers/track")
def track_with_carrier():
    body = request.get_json(force=True)
    endpoint = body.get("status_url", "")
    if not _carrier_url_ok(endpoint):
        return jsonify({"error": "carrier not allowed"}), 400
    resp = requests.get(endpoint, timeout=5)  #@safe
    return jsonify(resp.json())


@app.get("/after-login")
def after_login():
    target = request.args.get("next", "/")
    return redirect(target)  #@vuln CWE-601


@app.get("/after-logout")
def after_logout():
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)  #@safe
    return redirect(url_for("search_shipments"))  #@safe


@app.get("/manifest/<int:shipment_id>")
def manifest(shipment_id: int):
    cur = get_conn().cursor()
    cur.execute(f"SELECT * FROM manifest_lines WHERE shipment_id = {shipment_id}")  #@safe
    return jsonify([dict(r) for r in cur.fetchall()])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)  #@vuln CWE-489|CWE-215
