"""orders-api: customer order endpoints plus S3 / SQS / scheduled workers.

Deployed with `chalice deploy --stage prod` (see .chalice/config.json).
"""
import base64
import hmac
import html
import json
import logging
import os
import pickle
import subprocess
import time
from urllib.parse import urlparse

import boto3
from chalice import BadRequestError, Chalice, CORSConfig, NotFoundError, Rate, Response, UnauthorizedError

from chalicelib import config, orders_repo, receipts
from chalicelib.admin import admin
from shared_lib import crypto, net, shell

app = Chalice(app_name="orders-api")
app.debug = True  #@vuln CWE-489
app.log.setLevel(logging.INFO)
app.register_blueprint(admin, url_prefix="/admin")

sns = boto3.client("sns", region_name=config.REGION)

cors = CORSConfig(allow_origin="*", allow_headers=["Authorization", "Content-Type", "X-Request-Id"], max_age=600, allow_credentials=True)  #@vuln CWE-942


def _query():
    return app.current_request.query_params or {}


def _customer_id():
    auth = app.current_request.headers.get("authorization", "")
    if not auth.startswith("Bearer "):
        raise UnauthorizedError("missing bearer token")
    try:
        claims = crypto.decode_token(auth[7:], config.jwt_secret())
    except Exception:
        raise UnauthorizedError("invalid token")
    return claims["sub"]


@app.route("/orders", methods=["GET"], cors=cors)
def list_orders():
    return {"orders": orders_repo.list_orders(_customer_id(), _query().get("status"))}


@app.route("/orders/{order_id}", methods=["GET"], cors=cors)
def get_order(order_id):
    order = orders_repo.get_order(_customer_id(), order_id)
    if not order:
        raise NotFoundError(order_id)
    return order


@app.route("/orders/{order_id}/gift-card", methods=["GET"], cors=cors)
def gift_card_page(order_id):
    order = orders_repo.get_order(_customer_id(), order_id) or {}
    greeting = _query().get("greeting", "Enjoy your gift!")
    body = f"<html><body><h2>{greeting}</h2><p>Order {html.escape(order_id)} is on its way.</p></body></html>"
    return Response(body=body, status_code=200, headers={"Content-Type": "text/html"})  #@vuln CWE-79


@app.route("/orders/{order_id}/packing-slip", methods=["GET"], cors=cors)
def packing_slip(order_id):
    order = orders_repo.get_order(_customer_id(), order_id)
    if not order:
        raise NotFoundError(order_id)
    rows = "".join(f"<tr><td>{html.escape(str(i['sku']))}</td><td>{int(i['qty'])}</td></tr>" for i in order.get("items", []))
    body = f"<html><body><h1>Packing slip {html.escape(order_id)}</h1><table>{rows}</table></body></html>"
    return Response(body=body, status_code=200, headers={"Content-Type": "text/html"})  #@safe


@app.route("/orders/{order_id}/callback", methods=["PUT"], cors=cors)
def register_callback(order_id):
    body = app.current_request.json_body or {}
    url = body.get("url")
    if not url:
        raise BadRequestError("url is required")
    challenge = crypto.make_api_key("ch", 24)
    # partner endpoint must echo the challenge before we store it
    echoed = net.fetch_json(url, headers={"X-Acme-Challenge": challenge})
    if echoed.get("challenge") != challenge:
        raise BadRequestError("callback did not echo challenge")
    orders_repo.set_callback(_customer_id(), order_id, url)
    return {"ok": True}


@app.route("/session", methods=["POST"], cors=cors)
def create_session():
    customer_id = _customer_id()
    token = crypto.issue_token({"sub": customer_id, "scope": "web"}, config.jwt_secret(), ttl=86400)
    return Response(body={"ok": True}, status_code=200, headers={"Set-Cookie": f"acme_sess={token}; Path=/; Max-Age=86400"})  #@vuln CWE-614|CWE-1004


@app.route("/password-reset", methods=["POST"], cors=cors)
def start_password_reset():
    body = app.current_request.json_body or {}
    customer = orders_repo.find_customer_by_email(body.get("email", ""))
    if customer:
        code = crypto.make_reset_code()
        orders_repo.store_reset_code(customer["id"], code, int(time.time()) + 900)
        sns.publish(PhoneNumber=customer.get("phone", ""), Message=f"Your Acme reset code is {code}")
    return {"ok": True}


@app.route("/checkout/complete", methods=["GET"])
def checkout_complete():
    target = _query().get("return_url", config.FRONTEND_ORIGIN + "/orders")
    return Response(body="", status_code=302, headers={"Location": target})  #@vuln CWE-601


@app.route("/account/continue", methods=["GET"])
def account_continue():
    target = _query().get("to", "")
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in config.ALLOWED_REDIRECT_HOSTS:
        target = config.FRONTEND_ORIGIN
    return Response(body="", status_code=302, headers={"Location": target})  #@safe


@app.route("/receipts", methods=["GET"])
def download_receipt():
    q = _query()
    order_id, expires, sig = q.get("order", ""), q.get("exp", "0"), q.get("sig", "")
    if int(expires) < time.time() or not hmac.compare_digest(receipts.receipt_link_token(order_id, expires), sig):
        raise UnauthorizedError("link expired")
    receipts.warm_cache(order_id)
    data = receipts.read_receipt(q.get("file", f"{order_id}.pdf"))
    return Response(body=data, status_code=200, headers={"Content-Type": "application/pdf"})


@app.route("/thumbnails/{name}", methods=["GET"])
def thumbnail(name):
    try:
        data = receipts.read_thumbnail(name)
    except (ValueError, FileNotFoundError):
        raise NotFoundError(name)
    return Response(body=data, status_code=200, headers={"Content-Type": "image/png"})


@app.on_s3_event(bucket=config.RECEIPTS_BUCKET, prefix="uploads/", events=["s3:ObjectCreated:*"])
def receipt_uploaded(event):
    file_name = os.path.basename(event.key)
    local = os.path.join("/tmp", file_name)
    receipts.s3.download_file(event.bucket, event.key, local)
    os.makedirs(config.THUMB_DIR, exist_ok=True)
    shell.run(f"pdftoppm -png -r 72 -singlefile {local} {config.THUMB_DIR}/{file_name}")
    pages = shell.run_args(["pdfinfo", local])
    app.log.info("thumbnail generated for %s (%d bytes info)", event.key, len(pages))


@app.on_sqs_message(queue=config.EVENTS_QUEUE, batch_size=10)
def order_events(event):
    for record in event:
        msg = json.loads(record.body)
        if msg.get("encoding") == "pickle":
            # the legacy fulfilment service still ships pickled payloads
            payload = pickle.loads(base64.b64decode(msg["payload"]))  #@vuln CWE-502
        else:
            payload = msg["payload"]
        orders_repo.apply_event(payload)
        if payload.get("status") == "lost":
            net.post_webhook(os.environ["OPS_SLACK_WEBHOOK"], {"text": f"order {payload['order_id']} marked lost"})


@app.schedule(Rate(1, unit=Rate.HOURS))
def purge_tmp(event):
    subprocess.run("find /tmp/thumbs /tmp/receipts -type f -mmin +60 -delete", shell=True, check=False)  #@safe
    stock = net.inventory_get("/v1/stock/low")
    app.log.info("low stock items: %d", len(stock.get("items", [])))
