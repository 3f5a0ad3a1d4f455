import base64
import json
import logging
import os
import pickle
from urllib.parse import urlparse

import requests
import yaml
from flask import abort, make_response, redirect, render_template_string, request, send_file, send_from_directory
from flask.views import MethodView
from flask_smorest import Blueprint

from common import crypto, storage
from common.config import EXPORT_ROOT, SITE_HOST
from common.templates import highlight
from orders_api import repository
from orders_api.config import Config
from orders_api.schemas import (
    BulkStatusSchema,
    ImportArgs,
    InvoiceArgs,
    NotifySchema,
    OrderQueryArgs,
    OrderSchema,
    ReportArgs,
    SearchArgs,
)

log = logging.getLogger(__name__)

blp = Blueprint("orders", __name__, url_prefix="/orders", description="Order operations")
admin_blp = Blueprint("admin", __name__, url_prefix="/admin", description="Back-office")


@blp.route("/")
class Orders(MethodView):
    @blp.arguments(OrderQueryArgs, location="query")
    @blp.response(200, OrderSchema(many=True))
    def get(self, args):
        return repository.find_orders(args["customer_id"], args.get("status"), args["sort"], args["direction"])

    @blp.arguments(OrderSchema)
    @blp.response(201, OrderSchema)
    def post(self, data):
        repository.insert_orders([data])
        return data


@blp.route("/<int:order_id>")
class OrderById(MethodView):
    @blp.response(200, OrderSchema)
    def get(self, order_id):
        order = repository.get_order(order_id)
        if order is None:
            abort(404)
        return order


@blp.route("/search")
@blp.arguments(SearchArgs, location="query")
def search(args):
    term = args["q"]
    results = repository.search_orders(term)
    if not results:
        return f"<h3>No orders matching <b>{term}</b></h3>", 404  #@vuln CWE-79
    rows = "".join(f"<li>#{r['id']} {highlight(r['status'], term)}</li>" for r in results)
    return "<ul>" + rows + "</ul>"


@blp.route("/<int:order_id>/attachments", methods=["POST"])
def upload_attachment(order_id):
    f = request.files.get("file")
    if f is None or not f.filename:
        abort(400, "file required")
    dest = storage.save_upload(f"orders/{order_id}/{f.filename}", f.stream)
    return {"stored": os.path.basename(dest), "etag": crypto.content_etag(open(dest, "rb").read())}, 201


@blp.route("/<int:order_id>/attachments/<path:name>")
def get_attachment(order_id, name):
    fh = storage.open_upload(f"orders/{order_id}/{name}")
    return send_file(fh, download_name=os.path.basename(name))


@blp.route("/exports/<path:name>")
def download_export(name):
    return send_from_directory(EXPORT_ROOT, name, as_attachment=True)  #@safe


@blp.route("/exports/legacy")
def download_export_legacy():
    name = request.args.get("file", "")
    return send_file(os.path.join(EXPORT_ROOT, name), as_attachment=True)  #@vuln CWE-22


@blp.route("/checkout/complete")
def checkout_complete():
    next_url = request.args.get("next") or "/orders"
    resp = redirect(next_url)  #@vuln CWE-601
    resp.delete_cookie("cart")
    return resp


@blp.route("/login/return")
def login_return():
    target = request.args.get("return_to", "/")
    parsed = urlparse(target)
    if parsed.scheme not in ("", "https") or parsed.netloc not in ("", SITE_HOST) or target.startswith("//"):
        target = "/"
    return redirect(target)  #@safe


@blp.route("/cart", methods=["GET"])
def get_cart():
    raw = request.cookies.get("cart")
    if not raw:
        return {"items": []}
    cart = pickle.loads(base64.b64decode(raw))  #@vuln CWE-502
    return {"items": cart.get("items", [])}


@blp.route("/cart", methods=["PUT"])
def put_cart():
    cart = {"items": request.get_json(force=True).get("items", [])}
    resp = make_response({"ok": True})
    resp.set_cookie("cart", base64.b64encode(pickle.dumps(cart)).decode(), secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@blp.route("/session", methods=["POST"])
def open_session():
    body = request.get_json(force=True)
    customer_id = int(body["customer_id"])
    if repository.customer_email(customer_id) != body.get("email"):
        abort(401)
    token = crypto.issue_token({"sub": customer_id, "scope": "orders"})
    resp = make_response({"ok": True})
    # the SPA reads this to build Authorization headers
    resp.set_cookie("orders_token", token, secure=True, httponly=False, samesite="Lax", max_age=3600)  #@vuln CWE-1004
    return resp


@blp.route("/<int:order_id>/notify", methods=["POST"])
@blp.arguments(NotifySchema)
def notify(args, order_id):
    order = repository.get_order(order_id)
    if order is None:
        abort(404)
    body = json.dumps({"event": args["event"], "order": order}, default=str).encode()
    headers = {"X-Signature": crypto.sign_payload(body, Config.SECRET_KEY.encode())}
    resp = requests.post(args["callback_url"], data=body, headers=headers, timeout=Config.CALLBACK_TIMEOUT)  #@vuln CWE-918
    return {"delivered": resp.ok, "status": resp.status_code}


@blp.route("/<int:order_id>/invoice")
@blp.arguments(InvoiceArgs, location="query")
def invoice(args, order_id):
    order = repository.get_order(order_id) or abort(404)
    page = """<html><body><h1>Invoice #{{ order.id }}</h1>
    <p>Total: {{ order.total }}</p>
    <footer>%s</footer></body></html>""" % args["footer"]
    return render_template_string(page, order=order)  #@vuln CWE-1336|CWE-94


@blp.route("/<int:order_id>/receipt")
def receipt(order_id):
    order = repository.get_order(order_id) or abort(404)
    tpl = "<h1>Receipt #{{ order.id }}</h1><p>{{ note }}</p>"
    return render_template_string(tpl, order=order, note=request.args.get("note", ""))  #@safe


@admin_blp.route("/orders/bulk-status", methods=["POST"])
@admin_blp.arguments(BulkStatusSchema)
def bulk_status(data):
    updated = repository.bulk_update_status(data["ids"], data["status"], data.get("reason"))
    return {"updated": updated}


@admin_blp.route("/reports/revenue")
@admin_blp.arguments(ReportArgs, location="query")
def revenue(args):
    return {"rows": repository.revenue_report(args["group_by"], args["since"])}


@admin_blp.route("/orders/import", methods=["POST"])
@admin_blp.arguments(ImportArgs, location="query")
def import_orders(args):
    upload = request.files["manifest"]
    if upload.filename.endswith((".yml", ".yaml")):
        manifest = yaml.load(upload.stream, Loader=yaml.Loader)  #@vuln CWE-502
    else:
        manifest = json.load(upload.stream)
    rows = manifest.get("orders", [])
    if args["dry_run"]:
        return {"would_import": len(rows)}
    return {"imported": repository.insert_orders(rows)}

