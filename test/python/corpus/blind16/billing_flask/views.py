import os
from urllib.parse import urlparse

from flask import (
    Blueprint,
    abort,
    jsonify,
    make_response,
    redirect,
    render_template_string,
    request,
    send_file,
    url_for,
)
from markupsafe import Markup, escape

from .config import BaseConfig
from .repository import CustomerRepository, InvoiceFilter, InvoiceRepository
from .services import (
    PaymentGatewayClient,
    receipt_access_token,
    render_invoice_pdf,
    render_invoice_preview,
)

bp = Blueprint("billing", __name__)
invoices = InvoiceRepository()
customers = CustomerRepository()


@bp.get("/invoices")
def list_invoices():
    flt = InvoiceFilter(
        customer_id=request.args.get("customer_id", "0"),
        status=request.args.get("status"),
        sort=request.args.get("sort", "created_at"),
        direction=request.args.get("dir", "desc"),
    )
    rows = invoices.search_sorted(flt) if request.args.get("strict") else invoices.search(flt)
    return jsonify(rows)


@bp.get("/invoices/<int:invoice_id>/pdf")
def download_pdf(invoice_id):
    if not invoices.by_id(invoice_id):
        abort(404)
    filename = request.args.get("name", f"{invoice_id}.pdf")
    return send_file(os.path.join(BaseConfig.INVOICE_DIR, filename))  #@vuln CWE-22


@bp.get("/invoices/archive/<path:name>")
def archived(name):
    base = os.path.realpath(BaseConfig.INVOICE_DIR)
    target = os.path.realpath(os.path.join(base, os.path.basename(name)))
    if os.path.commonpath([base, target]) != base:
        abort(400)
    return send_file(target)  #@safe


@bp.post("/invoices/<int:invoice_id>/render")
def render_pdf(invoice_id):
    html_path = os.path.join(BaseConfig.INVOICE_DIR, "html", f"{invoice_id}.html")
    if request.form.get("preview"):
        out = render_invoice_preview(html_path, invoice_id)
    else:
        out = render_invoice_pdf(html_path, request.form["output_name"])
    return jsonify(path=out, token=receipt_access_token())


@bp.get("/customers/search")
def customer_search():
    term = request.args.get("q", "")
    rows = customers.search_name(term)
    items = "".join(f"<li>{escape(r['name'])}</li>" for r in rows)
    return f"<h2>Results for {term}</h2><ul>{items}</ul>"  #@vuln CWE-79


@bp.get("/customers/greeting")
def greeting():
    name = request.args.get("name", "customer")
    return f"<p>Hello, {escape(name)}</p>"  #@safe


@bp.get("/notice")
def notice():
    msg = request.args.get("msg", "")
    banner = Markup(f"<div class='notice'>{msg}</div>")  #@vuln CWE-79
    return render_template_string("<html><body>{{ banner }}</body></html>", banner=banner)


@bp.get("/statement")
def statement():
    footer = request.args.get("footer", "Thank you for your business")
    tpl = "<h1>Statement</h1><footer>" + footer + "</footer>"
    return render_template_string(tpl)  #@vuln CWE-79|CWE-94


@bp.get("/statement/v2")
def statement_v2():
    footer = request.args.get("footer", "Thank you for your business")
    return render_template_string("<h1>Statement</h1><footer>{{ footer }}</footer>", footer=footer)  #@safe


@bp.post("/pay/<int:invoice_id>")
def pay(invoice_id):
    payload = request.get_json(force=True)
    client = PaymentGatewayClient()
    result = client.charge(invoice_id, payload)
    invoices.mark_paid(invoice_id, result["reference"])
    if payload.get("callback_url"):
        client.notify_callback(payload["callback_url"], result)
    return_to = request.args.get("next", "/")
    return redirect(return_to)  #@vuln CWE-601


@bp.get("/after-login")
def after_login():
    target = request.args.get("next", "")
    if urlparse(target).netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("billing.list_invoices")
    return redirect(target)  #@safe


@bp.post("/preferences")
def preferences():
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("currency", request.form.get("currency", "USD"), secure=True, httponly=True, samesite="Lax")  #@safe
    resp.set_cookie("receipt_token", receipt_access_token(), httponly=False)  #@vuln CWE-614|CWE-1004
    return resp
