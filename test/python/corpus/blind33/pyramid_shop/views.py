"""HTTP views for the ACME B2B shop."""
import base64
import logging
import os
import pickle
import re
from urllib.parse import urlparse

from chameleon import PageTemplate
from mako.template import Template as MakoTemplate
from markupsafe import escape
from pymongo import MongoClient
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.response import FileResponse, Response
from pyramid.security import forget, remember
from pyramid.view import view_config

from common import settings
from common.crypto import reset_token, verify_password
from common.dbutil import quick_lookup
from common.fileutil import UnsafePathError, safe_join
from common.netutil import fetch_remote, post_event
from pdf_reports.generator import render_invoice_pdf, render_preview, render_url_to_pdf

from .services import CustomerRepository, OrderRepository

log = logging.getLogger(__name__)

_audit = MongoClient(settings.MONGO_URL)["acme"]["audit_events"]

_NOTE_TPL = PageTemplate('<div class="order-note" tal:content="structure note"></div>')


def _customer_id(request):
    cid = request.authenticated_userid
    if cid is None:
        raise HTTPForbidden()
    return int(cid)


def _require_staff(request):
    if "staff" not in request.session.get("roles", []):
        raise HTTPForbidden()


def _is_local_url(url):
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc and url.startswith("/") and not url.startswith("//") and "\\" not in url


@view_config(route_name="welcome")
def welcome(request):
    name = request.params.get("name", "")
    return Response("<h2>Welcome back, %s</h2><p>Your cart has been restored.</p>" % name)  #@vuln CWE-79


@view_config(route_name="welcome_v2")
def welcome_v2(request):
    name = request.params.get("name", "")
    return Response("<h2>Welcome back, %s</h2><p>Your cart has been restored.</p>" % escape(name))  #@safe


@view_config(route_name="login", request_method="POST")
def login(request):
    came_from = request.params.get("came_from", request.route_url("orders"))
    customer = CustomerRepository(request.dbsession).by_email(request.POST.get("email", ""))
    if customer is None or not verify_password(request.POST.get("password", ""), customer.password):
        return HTTPFound(location=request.route_url("home", _query={"error": "login"}))
    headers = remember(request, str(customer.id))
    return HTTPFound(location=came_from, headers=headers)  #@vuln CWE-601


@view_config(route_name="logout")
def logout(request):
    target = request.params.get("next", "/")
    if not _is_local_url(target):
        target = "/"
    return HTTPFound(location=target, headers=forget(request))  #@safe


@view_config(route_name="orders", renderer="templates/orders.mako")
def orders(request):
    repo = OrderRepository(request.dbsession)
    rows = repo.list_for_customer(
        _customer_id(request),
        status=request.params.get("status"),
        sort=request.params.get("sort"),
        direction=request.params.get("dir", "desc"),
    )
    return {"orders": rows}


@view_config(route_name="order_search", renderer="json")
def order_search(request):
    term = request.params.get("q", "").strip()
    if len(term) < 2:
        return {"results": []}
    found = OrderRepository(request.dbsession).search(_customer_id(request), term)
    return {"results": [{"id": o.id, "reference": o.reference, "status": o.status} for o in found]}


@view_config(route_name="order_note")
def order_note(request):
    order = OrderRepository(request.dbsession).get(_customer_id(request), request.matchdict["id"])
    if order is None:
        raise HTTPNotFound()
    return Response(_NOTE_TPL(note=order.notes or ""))  #@vuln CWE-79


@view_config(route_name="revenue", renderer="json")
def revenue(request):
    period = request.params.get("period", "month")
    rows = OrderRepository(request.dbsession).revenue_by_period(_customer_id(request), period)
    return [{"bucket": r.bucket.isoformat(), "revenue": float(r.revenue)} for r in rows]


@view_config(route_name="cart_restore", renderer="json")
def cart_restore(request):
    raw = request.cookies.get("cart")
    if not raw:
        return {"items": []}
    cart = pickle.loads(base64.b64decode(raw))  #@vuln CWE-502
    return {"items": cart.get("items", []), "coupon": cart.get("coupon")}


@view_config(route_name="cart_save", request_method="POST", renderer="json")
def cart_save(request):
    token = reset_token(24)
    request.session["cart_token"] = token
    request.response.set_cookie("cart_token", token, max_age=14 * 86400, httponly=True, samesite="Lax")  #@vuln CWE-614
    return {"ok": True}


@view_config(route_name="image_proxy")
def image_proxy(request):
    url = request.params.get("src")
    if not url:
        raise HTTPBadRequest()
    content, ctype = fetch_remote(url)
    return Response(body=content, content_type=ctype.split(";")[0])


@view_config(route_name="invoice_file")
def invoice_file(request):
    folder = os.path.join(str(settings.EXPORT_ROOT), "invoices", str(_customer_id(request)))
    return FileResponse(os.path.join(folder, request.params["file"]), request=request, content_type="application/pdf")  #@vuln CWE-22


@view_config(route_name="invoice_file_v2")
def invoice_file_v2(request):
    folder = os.path.join(str(settings.EXPORT_ROOT), "invoices", str(_customer_id(request)))
    try:
        path = safe_join(folder, request.params["file"])
    except UnsafePathError:
        raise HTTPNotFound()
    return FileResponse(path, request=request, content_type="application/pdf")  #@safe


@view_config(route_name="invoice_pdf")
def invoice_pdf(request):
    order = OrderRepository(request.dbsession).get(_customer_id(request), request.matchdict["id"])
    if order is None:
        raise HTTPNotFound()
    pdf = render_invoice_pdf(order, request.params.get("template", "invoice.html"))
    return Response(body=pdf, content_type="application/pdf")


@view_config(route_name="invoice_preview")
def invoice_preview(request):
    order = OrderRepository(request.dbsession).get(_customer_id(request), request.matchdict["id"])
    if order is None:
        raise HTTPNotFound()
    return Response(render_preview(order, request.params.get("note", "")))


@view_config(route_name="print_page")
def print_page(request):
    _customer_id(request)
    pdf = render_url_to_pdf(request.params["url"])
    return Response(body=pdf, content_type="application/pdf")


@view_config(route_name="mail_preview", request_method="POST")
def mail_preview(request):
    _require_staff(request)
    body = request.POST.get("body", "")
    sample = {"first_name": "Jane", "company": "Sample GmbH", "order_ref": "SO-000123"}
    return Response(MakoTemplate(body).render(**sample))  #@vuln CWE-1336


@view_config(route_name="audit", renderer="json")
def audit(request):
    _require_staff(request)
    actor = request.params.get("actor", "")
    events = _audit.find({"$where": "this.actor == '%s'" % actor}).limit(200)  #@vuln CWE-943
    return [{"ts": e["ts"].isoformat(), "actor": e["actor"], "action": e["action"]} for e in events]


@view_config(route_name="audit_v2", renderer="json")
def audit_v2(request):
    _require_staff(request)
    actor = request.params.get("actor", "")
    events = _audit.find({"actor": str(actor)}).sort("ts", -1).limit(200)  #@safe
    return [{"ts": e["ts"].isoformat(), "actor": e["actor"], "action": e["action"]} for e in events]


@view_config(route_name="customer_lookup", renderer="json")
def customer_lookup(request):
    _require_staff(request)
    row = quick_lookup(request.dbsession, "customers", "email", request.params.get("email", ""))
    return dict(row) if row else {}


@view_config(route_name="catalog_filter", renderer="json")
def catalog_filter(request):
    pattern = re.compile(request.params.get("pattern", ".*"), re.IGNORECASE)  #@vuln CWE-1333
    names = request.registry.settings.get("catalog.names", [])
    return [n for n in names if pattern.search(n)]


@view_config(route_name="password_forgot", request_method="POST", renderer="json")
def password_forgot(request):
    repo = CustomerRepository(request.dbsession)
    customer = repo.by_email_legacy(request.POST.get("email", ""))
    if customer is not None:
        customer.reset_token = reset_token()
        post_event("password_reset", {"email": customer.email, "token": customer.reset_token})
    return {"ok": True}
