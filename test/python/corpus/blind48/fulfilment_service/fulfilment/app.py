"""Fulfilment service: labels, packing slips, payment webhooks, CS inbox."""
import logging
import os

import requests
from flask import Flask, abort, jsonify, request, send_file, send_from_directory

from retail_common.config import LABEL_OUTPUT_DIR
from retail_common.db import fetch_one, get_conn

from . import inbox, pdf, webhooks

log = logging.getLogger(__name__)

ROYALMAIL_API_URL = "https://api.parcel.royalmail.com/api/v1"
ROYALMAIL_API_KEY = "rm_live_5f2c9a7e41b84d0f9c3e6a1b7d2f8e04"  #@vuln CWE-798

app = Flask(__name__)
app.secret_key = os.environ["FULFILMENT_SECRET_KEY"]
app.register_blueprint(webhooks.bp)
app.register_blueprint(inbox.bp)


def load_order(number):
    order = fetch_one(
        "SELECT id, number, status, shipping_name, recipient_first_name, gift_message, "
        "delivery_instructions, shipping_address FROM order_order WHERE number = %s",
        (number,),
    )
    if order is None:
        abort(404)
    order["lines"] = []
    return order


@app.post("/labels/<number>")
def create_label(number):
    order = load_order(number)
    carrier = request.form.get("carrier", "royalmail")
    if carrier not in pdf.CARRIERS:
        abort(400, "unknown carrier")
    pdf_path = pdf.render_label(order, carrier, request.form.get("size", "A6"))
    if request.form.get("printer"):
        pdf.print_label(pdf_path, request.form["printer"])
    return send_file(pdf_path, mimetype="application/pdf")


@app.post("/v2/labels/<number>")
def create_label_v2(number):
    order = load_order(number)
    carrier = request.form.get("carrier", "royalmail")
    if carrier not in pdf.CARRIERS:
        abort(400, "unknown carrier")
    pdf_path = pdf.render_label_v2(order, carrier, request.form.get("size", "A6"))
    if request.form.get("printer"):
        pdf.print_label_checked(pdf_path, request.form["printer"])
    return send_file(pdf_path, mimetype="application/pdf")


@app.get("/labels/files/<name>")
def label_file(name):
    return send_from_directory(LABEL_OUTPUT_DIR, name, mimetype="application/pdf")  #@safe


@app.get("/slips/<number>")
def packing_slip(number):
    order = load_order(number)
    return send_file(pdf.write_packing_slip(order), mimetype="application/pdf")


@app.get("/orders/lookup")
def order_lookup():
    prefix = request.args.get("q", "")
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT number, status, shipping_name FROM order_order WHERE number LIKE '{prefix}%' ORDER BY number LIMIT 20")  #@vuln CWE-89
        rows = cur.fetchall()
    return jsonify([{"number": n, "status": s, "name": nm} for n, s, nm in rows])


@app.post("/carrier/manifest")
def submit_manifest():
    numbers = request.get_json()["orders"]
    headers = {"Authorization": f"Bearer {ROYALMAIL_API_KEY}"}
    resp = requests.post(f"{ROYALMAIL_API_URL}/manifests", json={"orderIdentifiers": numbers}, headers=headers, timeout=30)
    return jsonify(resp.json()), resp.status_code
