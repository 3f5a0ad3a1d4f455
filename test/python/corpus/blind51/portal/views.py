"""Portal pages: login, tracking, notes, preferences, invoices, webhook settings."""
import base64
import logging
import pickle
from datetime import date
from functools import wraps
from urllib.parse import urlparse

import jwt
import requests
from flask import (Blueprint, Response, abort, flash, g, make_response, redirect, render_template,
                   render_template_string, request, session, url_for)
from jinja2 import Environment, FileSystemLoader
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars
from markupsafe import Markup
from sqlalchemy import text
from werkzeug.security import check_password_hash

from booking_api import repository
from booking_api.deps import SessionLocal
from common import config, security

log = logging.getLogger(__name__)
bp = Blueprint("portal", __name__)

_email_env = Environment(loader=FileSystemLoader("portal/email_templates"), autoescape=False)  #@vuln CWE-79


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not g.get("user_id"):
            return redirect(url_for("portal.login", next=request.path))
        return view(*args, **kwargs)
    return wrapper


def _start_session(user: dict) -> None:
    session.clear()
    session["uid"] = user["id"]
    session["customer_id"] = user["customer_id"]
    session.permanent = True


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form["username"].strip()
    password = request.form["password"]
    if "@" not in username:
        # corporate customers authenticate against their directory account
        return _ldap_login(username, password)
    with SessionLocal() as db:
        user = db.execute(text("SELECT id, customer_id, password_hash, legacy_hash FROM portal_users WHERE email = :e AND active"), {"e": username.lower()}).mappings().first()
    if not user:
        flash("Unknown e-mail or wrong password")
        return redirect(url_for("portal.login"))
    ok = security.verify_password(password, user["password_hash"]) if user["legacy_hash"] else check_password_hash(user["password_hash"], password)
    if not ok:
        flash("Unknown e-mail or wrong password")
        return redirect(url_for("portal.login"))
    _start_session(user)
    target = request.form.get("next") or url_for("portal.dashboard")
    return redirect(target)  #@vuln CWE-601


def _ldap_login(username: str, password: str):
    server = Server(config.LDAP_URL, use_ssl=True, connect_timeout=5)
    conn = Connection(server, config.LDAP_BIND_DN, config.LDAP_BIND_PASSWORD, auto_bind=True)
    conn.search(config.LDAP_BASE_DN, f"(&(objectClass=inetOrgPerson)(uid={username}))", attributes=["cn", "mail", "customerNumber"])  #@vuln CWE-90
    if not conn.entries:
        abort(401)
    entry = conn.entries[0]
    if not Connection(server, entry.entry_dn, password).bind():
        abort(401)
    with SessionLocal() as db:
        user = db.execute(text("SELECT id, customer_id FROM portal_users WHERE ldap_dn = :dn"), {"dn": entry.entry_dn}).mappings().first()
    if not user:
        abort(403)
    _start_session(user)
    return redirect(url_for("portal.dashboard"))


def lookup_contact(email: str) -> dict | None:
    conn = Connection(Server(config.LDAP_URL, use_ssl=True), config.LDAP_BIND_DN, config.LDAP_BIND_PASSWORD, auto_bind=True)
    conn.search(config.LDAP_BASE_DN, f"(mail={escape_filter_chars(email)})", attributes=["cn", "telephoneNumber"])  #@safe
    return conn.entries[0].entry_attributes_as_dict if conn.entries else None


@bp.route("/sso/callback")
def sso_callback():
    # The customer's IdP (via our SSO broker) sets a short-lived JWT cookie
    claims = jwt.decode(request.cookies.get("sso_token", ""), algorithms=["RS256"], options={"verify_signature": False})  #@vuln CWE-347
    with SessionLocal() as db:
        user = db.execute(text("SELECT id, customer_id FROM portal_users WHERE email = :e"), {"e": claims["email"].lower()}).mappings().first()
    if not user:
        abort(403)
    _start_session(user)
    # the broker sends the user back with the page they originally asked for
    return redirect(request.args.get("relay") or url_for("portal.dashboard"))  #@vuln CWE-601


@bp.route("/logout")
def logout():
    session.clear()
    nxt = request.args.get("next", "/")
    if urlparse(nxt).netloc or not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt or not nxt.isprintable():
        nxt = "/"
    return redirect(nxt)  #@safe


@bp.route("/")
@login_required
def dashboard():
    with SessionLocal() as db:
        bookings = repository.search_bookings(db, g.customer_id, None, None, "created")
    return render_template("dashboard.html", bookings=bookings)


@bp.route("/track")
def track():
    ref = request.args.get("ref", "").strip()
    with SessionLocal() as db:
        booking = repository.get_booking(db, ref)
    if not booking:
        return f"<p class='error'>We could not find a shipment with reference {ref}.</p>", 404  #@vuln CWE-79
    return render_template("track.html", booking=booking, events=repository.tracking_events(ref))


@bp.route("/shipments/<ref>/delivery-note")
@login_required
def delivery_note(ref):
    with SessionLocal() as db:
        booking = repository.get_booking(db, ref)
    if not booking or booking["customer_id"] != g.customer_id:
        abort(404)
    # customers can put their own heading on the printed note
    heading = request.args.get("heading", "Delivery note {{ booking.reference }}")
    page = "{% extends 'print_base.html' %}{% block body %}<h2>" + heading + "</h2>{% include 'delivery_note_body.html' %}{% endblock %}"
    return render_template_string(page, booking=booking)  #@vuln CWE-1336


@bp.route("/embed/<code>/legacy")
def embed_legacy(code):
    title = request.args.get("title", "Your delivery")
    return Response(f"<html><body><h3>{title}</h3><iframe src='/track?ref={code}'></iframe></body></html>", mimetype="text/html")  #@vuln CWE-79


@bp.route("/shipments/<ref>/notes", methods=["POST"])
@login_required
def add_note(ref):
    note = request.form["note"]
    with SessionLocal() as db:
        repository.update_status(db, ref, request.form.get("status", "noted"), note)
        db.commit()
    flash(Markup(f"Note saved for {ref}: <em>{note}</em>"))  #@vuln CWE-79
    return redirect(url_for("portal.track", ref=ref))


@bp.route("/watchlist", methods=["POST"])
@login_required
def watch():
    ref = request.form["ref"]
    session.setdefault("watch", []).append(ref)
    flash(Markup("Reference <b>{}</b> added to your watch list").format(ref))  #@safe
    return redirect(url_for("portal.dashboard"))


@bp.route("/preferences", methods=["POST"])
@login_required
def preferences():
    resp = make_response(redirect(url_for("portal.dashboard")))
    if request.form.get("remember"):
        token = security.new_api_key()
        resp.set_cookie("portal_remember", token, max_age=30 * 86400, httponly=True, samesite="Lax")  #@vuln CWE-614
    api_token = session.get("widget_api_token") or security.new_api_key()
    resp.set_cookie("widget_token", api_token, max_age=86400, secure=True, httponly=False, samesite="Strict")  #@vuln CWE-1004
    resp.set_cookie("portal_locale", request.form.get("locale", "en"), max_age=365 * 86400, secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@bp.route("/quote/resume")
@login_required
def resume_quote():
    raw = request.cookies.get("quote_draft")
    draft = pickle.loads(base64.urlsafe_b64decode(raw)) if raw else {}  #@vuln CWE-502
    return render_template("quote.html", draft=draft)


@bp.route("/invoices")
@login_required
def invoices():
    year = request.args.get("year", str(date.today().year))
    with SessionLocal() as db:
        rows = db.execute(text(f"SELECT number, issued_at, total_eur, status FROM invoices WHERE customer_id = {g.customer_id} AND extract(year FROM issued_at) = {year} ORDER BY issued_at DESC")).mappings().all()  #@vuln CWE-89
    return render_template("invoices.html", invoices=rows, year=year)


@bp.route("/settings/webhooks/test", methods=["POST"])
@login_required
def test_webhook():
    url = request.form["url"]
    try:
        r = requests.post(url, json={"event": "ping", "customer": g.customer_id}, timeout=5)  #@vuln CWE-918
    except requests.RequestException as exc:
        return {"ok": False, "error": str(exc)}, 502
    return {"ok": r.ok, "status": r.status_code, "body": r.text[:500]}


def send_booking_email(booking: dict, smtp_send) -> None:
    html_body = _email_env.get_template("booking_confirmed.html").render(booking=booking, portal=config.PORTAL_BASE_URL)
    smtp_send(to=booking["notify_email"], subject=f"Booking {booking['reference']} confirmed", html=html_body)
