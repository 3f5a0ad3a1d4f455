"""Login (LDAP for installers/staff, local accounts for homeowners), sessions and API tokens."""
import functools
import logging
from urllib.parse import urlparse

import jwt
import ldap
from flask import Blueprint, abort, current_app, g, jsonify, make_response, redirect, render_template, request, session, url_for
from ldap.filter import escape_filter_chars

from common.crypto import decode_token, hash_password, issue_token, peek_token, verify_password
from device_api import repo

bp = Blueprint("auth", __name__)
log = logging.getLogger("hearth.auth")


def _ldap_conn():
    conn = ldap.initialize(current_app.config["HEARTH"].ldap_uri)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.set_option(ldap.OPT_NETWORK_TIMEOUT, 5)
    return conn


def ldap_lookup(username: str):
    base_dn = current_app.config["HEARTH"].ldap_base_dn
    results = _ldap_conn().search_s(base_dn, ldap.SCOPE_SUBTREE, f"(&(objectClass=person)(uid={username}))", ["cn", "mail", "memberOf"])  #@vuln CWE-90
    return results[0] if results else None


def ldap_authenticate(username: str, password: str) -> bool:
    if not password:
        return False  # an empty password would be an anonymous bind
    base_dn = current_app.config["HEARTH"].ldap_base_dn
    conn = _ldap_conn()
    safe_user = escape_filter_chars(username)
    results = conn.search_s(base_dn, ldap.SCOPE_SUBTREE, f"(&(objectClass=person)(uid={safe_user}))", ["dn"])  #@safe
    if len(results) != 1:
        return False
    try:
        conn.simple_bind_s(results[0][0], password)
        return True
    except ldap.INVALID_CREDENTIALS:
        return False


def _safe_next(target: str | None) -> str:
    if not target:
        return url_for("views.dashboard")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("views.dashboard")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    user = repo.get_user(username)
    ok = False
    if user is not None and user["source"] == "ldap":
        ok = ldap_authenticate(username, password)
    elif user is not None:
        ok = verify_password(password, user["password_hash"])
    if not ok:
        log.info("failed login for %s from %s", username, request.remote_addr)
        return render_template("login.html", error="Invalid credentials", next=request.form.get("next", "")), 401
    session["user"] = username
    token = issue_token(username, user["role"])
    resp = make_response(redirect(_safe_next(request.form.get("next"))))  #@safe
    resp.set_cookie("hearth_token", token, secure=True, httponly=True, samesite="Strict")  #@safe
    if request.form.get("remember"):
        # the SPA reads this to refresh its bearer token after the tab is restored
        resp.set_cookie("hearth_remember", issue_token(username, user["role"], remember=True), secure=True, max_age=30 * 86400, samesite="Lax")  #@vuln CWE-1004
    return resp


@bp.route("/kiosk/<pairing_code>")
def kiosk_login(pairing_code):
    kiosk = repo.get_kiosk(pairing_code)
    if kiosk is None:
        abort(404)
    resp = make_response(redirect(url_for("views.dashboard", room=kiosk["room"])))
    # wall tablets talk to the hub over plain http on the LAN
    resp.set_cookie("hearth_kiosk", kiosk["token"], httponly=True, max_age=365 * 86400)  #@vuln CWE-614
    return resp


@bp.route("/logout")
def logout():
    session.clear()
    resp = make_response(redirect(request.args.get("next") or url_for("auth.login")))  #@vuln CWE-601
    resp.delete_cookie("hearth_token")
    resp.delete_cookie("hearth_remember")
    return resp


@bp.route("/register", methods=["POST"])
def register():
    body = request.get_json(force=True)
    username, password = body.get("username", "").strip(), body.get("password", "")
    if len(username) < 3 or len(password) < 8:
        return jsonify(error="username or password too short"), 400
    if repo.get_user(username) is not None:
        return jsonify(error="taken"), 409
    repo.create_user(username, hash_password(password), role="owner")
    return jsonify(ok=True), 201


def require_token(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else request.cookies.get("hearth_token")
        if not token:
            abort(401)
        try:
            g.claims = decode_token(token)
        except jwt.PyJWTError:
            abort(401)
        return fn(*args, **kwargs)
    return wrapper


def device_identity() -> str:
    """Devices call /api/device/* with their own token; all we need from it is the id."""
    token = request.headers.get("X-Device-Token", "")
    try:
        return peek_token(token)["device_id"]
    except (jwt.PyJWTError, KeyError):
        abort(401)


@bp.route("/api/staff/lookup")
@require_token
def staff_lookup():
    entry = ldap_lookup(request.args.get("user", ""))
    if entry is None:
        return jsonify(found=False), 404
    dn, attrs = entry
    return jsonify(found=True, dn=dn, mail=[v.decode() for v in attrs.get("mail", [])])
