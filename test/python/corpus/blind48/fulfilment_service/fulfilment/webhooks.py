"""Inbound webhooks: payment providers, carriers and supplier feed pushes."""
import base64
import json
import logging
import pickle
from urllib.parse import urlparse

import jsonpickle
import requests
from celery import current_app as celery_app
from flask import Blueprint, abort, jsonify, redirect, request

from retail_common.config import CARD_TOKEN_KEY, PAYMENT_WEBHOOK_SECRET
from retail_common.crypto import (decode_customer_token, encrypt_card_token,
                                  verify_signature)
from retail_common.db import execute, get_conn

log = logging.getLogger(__name__)

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")


@bp.post("/payments")
def payment_event():
    body = request.get_data()
    if not verify_signature(PAYMENT_WEBHOOK_SECRET.encode(), body, request.headers.get("X-Acme-Signature")):
        abort(401)
    event = json.loads(body)
    number = event["data"]["order_number"]
    if event["type"] == "payment.captured":
        execute("UPDATE order_order SET status = %s WHERE number = %s", ("Paid", number))
    return "", 204


@bp.post("/legacy-gateway")
def legacy_gateway():
    """Old gateway's Python SDK posts a base64 pickled notification object."""
    notification = pickle.loads(base64.b64decode(request.form["payload"]))  #@vuln CWE-502
    token = encrypt_card_token(notification["card_token"], CARD_TOKEN_KEY)
    execute("UPDATE order_order SET status = %s, gateway_ref = %s WHERE number = %s",
            (notification["status"], token, notification["order_number"]))
    return "OK"


@bp.post("/chargebacks")
def chargeback():
    dispute = jsonpickle.decode(request.get_data(as_text=True))  #@vuln CWE-502
    execute("INSERT INTO payment_dispute (order_number, reason, amount) VALUES (%s, %s, %s)",
            (dispute["order_number"], dispute["reason"], dispute["amount"]))
    return "", 202


@bp.post("/refunds")
def refund_request():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    claims = decode_customer_token(token)
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(f"UPDATE order_order SET status = 'Refund requested' WHERE number = '{claims['order']}' AND user_id = {claims['sub']}")  #@vuln CWE-89
        updated = cur.rowcount
    return jsonify({"updated": updated})


@bp.get("/3ds/return")
def three_ds_return():
    """The card issuer's 3-D Secure page sends the shopper back here."""
    return redirect(request.args.get("continue", "/checkout/thank-you/"))  #@vuln CWE-601


@bp.get("/3ds/cancel")
def three_ds_cancel():
    target = request.args.get("continue", "/basket/")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target or not target.isprintable():
        target = "/basket/"
    return redirect(target)  #@safe


@bp.post("/carrier/tracking")
def carrier_tracking():
    """Carriers post tracking events; some want an ack POSTed to a callback URL."""
    event = request.get_json()
    execute("UPDATE order_order SET tracking_status = %s WHERE tracking_number = %s",
            (event["status"], event["tracking_number"]))
    if event.get("ack_url"):
        requests.post(event["ack_url"], json={"received": event["event_id"]}, timeout=10)  #@vuln CWE-918
    return "", 204


@bp.post("/supplier-feed")
def supplier_feed_ready():
    payload = request.get_json()
    if not payload or "download_url" not in payload:
        abort(400)
    celery_app.send_task("feeds.tasks.feed_ready", args=[payload], queue="feeds")
    return "", 202
