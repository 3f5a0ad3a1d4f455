from urllib.parse import urlparse

import jwt
import ldap
from flask import Blueprint, abort, current_app, jsonify, make_response, redirect, request, session, url_for
from ldap.filter import escape_filter_chars
from werkzeug.security import check_password_hash, generate_password_hash

from billing_portal.repositories.invoice_repo import UserRepository
from common.crypto import generate_api_key, generate_reset_token, hash_password
from common.templating import render_mail

bp = Blueprint("auth", __name__)
users = UserRepository()


def _safe_next(target: str) -> bool:
    if not target or "\\" in target or any(ord(c) < 0x20 for c in target):
        return False
    parsed = urlparse(target)
    if parsed.scheme not in ("", "https"):
        return False
    if parsed.netloc:
        return parsed.netloc in current_app.config["ALLOWED_REDIRECT_HOSTS"]
    return target.startswith("/") and not target.startswith("//")


def _start_session(user: dict) -> None:
    session.clear()
    session["uid"] = user["id"]
    session["tenant_id"] = user["tenant_id"]
    session.permanent = True


@bp.post("/login")
def login():
    user = users.by_username(request.form.get("username", ""))
    if not user or not check_password_hash(user["password_hash"], request.form.get("password", "")):
        abort(401)
    _start_session(user)
    next_url = request.args.get("next", "")
    if _safe_next(next_url):
        return redirect(next_url)  #@safe
    return redirect(url_for("invoices.index"))


@bp.post("/ldap-login")
def ldap_login():
    cfg = current_app.config
    username = request.form["username"]
    conn = ldap.initialize(cfg["LDAP_URL"])
    conn.simple_bind_s(cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PASSWORD"])
    results = conn.search_s(cfg["LDAP_BASE_DN"], ldap.SCOPE_SUBTREE, f"(&(objectClass=inetOrgPerson)(uid={username}))", ["mail", "cn"])  #@vuln CWE-90
    if not results:
        abort(401)
    dn, _attrs = results[0]
    try:
        ldap.initialize(cfg["LDAP_URL"]).simple_bind_s(dn, request.form["password"])
    except ldap.INVALID_CREDENTIALS:
        abort(401)
    member_filter = "(&(objectClass=groupOfNames)(cn=billing-*)(member=uid=%s,%s))" % (escape_filter_chars(username), cfg["LDAP_BASE_DN"])
    groups = conn.search_s(cfg["LDAP_GROUP_DN"], ldap.SCOPE_SUBTREE, member_filter, ["cn"])  #@safe
    user = users.by_username(username) or abort(403)
    _start_session(user)
    session["groups"] = [g[1]["cn"][0].decode() for g in groups]
    return redirect(url_for("invoices.index"))


@bp.get("/sso/callback")
def sso_callback():
    token = request.args.get("id_token", "")
    # signature already checked by the gateway
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    user = users.by_username(claims["preferred_username"]) or abort(403)
    _start_session(user)
    resp = make_response(redirect(url_for("invoices.index")))
    resp.set_cookie("sso_user", claims["preferred_username"], max_age=8 * 3600)  #@vuln CWE-614|CWE-1004
    return resp


@bp.get("/whoami")
def whoami():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(token, current_app.config["JWT_SECRET"], algorithms=["HS256"], audience="billing")  #@safe
    except jwt.PyJWTError:
        abort(401)
    return jsonify(sub=claims["sub"], tenant=claims.get("tenant"))


@bp.post("/remember-me")
def remember_me():
    if "uid" not in session:
        abort(401)
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("remember_token", generate_api_key(), max_age=30 * 86400, secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@bp.post("/register")
def register():
    form = request.form
    if users.by_email(form["email"]):
        return jsonify(error="email already registered"), 409
    pw_hash = generate_password_hash(form["password"])  #@safe
    uid = users.create(form["username"], form["email"], pw_hash, int(form["tenant_id"]))
    return jsonify(id=uid), 201


@bp.post("/legacy-register")
def legacy_register():
    """Kept for the old mobile app, which still posts here."""
    form = request.form
    uid = users.create(form["username"], form["email"], hash_password(form["password"]), int(form["tenant_id"]))
    return jsonify(id=uid), 201


@bp.post("/password-reset")
def password_reset():
    user = users.by_email(request.form.get("email", ""))
    if user:
        token = generate_reset_token()
        users.store_reset_token(user["id"], token)
        body = render_mail("reset.html", username=user["username"], link=url_for("auth.reset_form", token=token, _external=True))
        current_app.extensions["mailer"].send(user["email"], "Reset your password", body)
    return jsonify(ok=True)


@bp.get("/reset/<token>")
def reset_form(token):
    return jsonify(token=token)


@bp.get("/logout")
def logout():
    session.clear()
    resp = make_response(redirect(url_for("auth.login")))
    resp.delete_cookie("remember_token")
    return resp
