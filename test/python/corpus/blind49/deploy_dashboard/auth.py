"""Login (LDAP first, local users as break-glass), sessions and API tokens."""
import functools
import logging

import ldap
from ldap.filter import escape_filter_chars
from flask import Blueprint, abort, g, jsonify, make_response, redirect, request, session, url_for

from platform_common import config, security
from deploy_dashboard import db

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)

DEPLOYER_GROUPS = {"platform-team", "release-managers"}


def _ldap_conn():
    conn = ldap.initialize(config.LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(config.LDAP_BIND_DN, config.LDAP_BIND_PASSWORD)
    return conn


def ldap_authenticate(username, password):
    conn = _ldap_conn()
    results = conn.search_s(config.LDAP_BASE, ldap.SCOPE_SUBTREE, f"(&(objectClass=inetOrgPerson)(uid={username}))", ["cn", "mail"])  #@vuln CWE-90
    if not results:
        return None
    user_dn, attrs = results[0]
    try:
        ldap.initialize(config.LDAP_URI).simple_bind_s(user_dn, password)
    except ldap.INVALID_CREDENTIALS:
        return None
    return {"username": username, "dn": user_dn, "mail": attrs.get("mail", [b""])[0].decode()}


def ldap_groups(username):
    conn = _ldap_conn()
    flt = "(&(objectClass=groupOfNames)(member=uid=%s,%s))" % (escape_filter_chars(username), config.LDAP_BASE)
    results = conn.search_s(config.LDAP_GROUP_BASE, ldap.SCOPE_SUBTREE, flt, ["cn"])  #@safe
    return {attrs["cn"][0].decode() for _, attrs in results}


def load_current_user():
    g.user = None
    if "uid" in session:
        g.user = {"username": session["uid"], "role": session.get("role", "viewer")}
        return
    header = request.headers.get("Authorization", "")
    if header.startswith("Token "):
        row = db.find_token(security.hash_api_token(header[6:]))
        if row:
            g.user = {"username": row["username"], "role": row["role"]}


def login_required(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not g.user:
            return redirect(url_for("auth.login_form", next=request.full_path))
        return fn(*args, **kwargs)
    return wrapper


def deployer_required(fn):
    @functools.wraps(fn)
    @login_required
    def wrapper(*args, **kwargs):
        if g.user["role"] not in ("deployer", "admin"):
            abort(403)
        return fn(*args, **kwargs)
    return wrapper


@bp.route("/login", methods=["GET"])
def login_form():
    return make_response(open(__file__.replace("auth.py", "templates/login.html")).read())


@bp.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    user = ldap_authenticate(username, password)
    role = "viewer"
    if user:
        if ldap_groups(username) & DEPLOYER_GROUPS:
            role = "deployer"
    else:
        row = db.find_user(username)
        if not row or row["password_hash"] != security.hash_password(password, row["salt"]):
            return make_response("invalid credentials", 401)
        role = row["role"]
    session.clear()
    session["uid"] = username
    session["role"] = role
    resp = make_response(redirect(url_for("deploys.index")))
    resp.set_cookie("dash_sid", security.generate_session_id(), httponly=True, samesite="Lax")  #@vuln CWE-614
    if request.form.get("remember"):
        resp.set_cookie("dash_remember", security.generate_session_id(), secure=True, max_age=30 * 86400)  #@vuln CWE-1004
    resp.set_cookie("dash_theme", request.form.get("theme", "light"), secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


@bp.route("/api/tokens", methods=["POST"])
def create_token():
    if not g.user:
        abort(401)
    token = security.generate_api_token()
    row = db.find_user(g.user["username"])
    db.store_token(row["id"], security.hash_api_token(token), request.json.get("label", "cli"))
    return jsonify(token=token), 201

