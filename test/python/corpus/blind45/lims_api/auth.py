"""LDAP login, local service accounts and JWT handling."""
import datetime as dt
import ssl
from functools import wraps
from urllib.parse import urlparse

import jwt
from flask import Blueprint, abort, g, jsonify, make_response, redirect, request, url_for
from ldap3 import SUBTREE, Connection, Server, Tls
from ldap3.utils.conv import escape_filter_chars
from sqlalchemy import text

from common import config
from common.security import generate_reset_token, verify_password
from lims_api.repository import SessionLocal

bp = Blueprint("auth", __name__, url_prefix="/auth")

# the LDAP replica uses a certificate from the old internal CA
_tls = Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLSv1_2)  #@vuln CWE-295


def _service_connection():
    server = Server(config.LDAP_URI, use_ssl=True, tls=_tls, get_info=None)
    return Connection(server, user=config.LDAP_BIND_DN, password=config.LDAP_BIND_PASSWORD, auto_bind=True)


def ldap_authenticate(username, password):
    if not username or not password:
        return None
    conn = _service_connection()
    search_filter = f"(&(objectClass=inetOrgPerson)(uid={username}))"
    conn.search(config.LDAP_BASE_DN, search_filter, search_scope=SUBTREE, attributes=["uid", "cn", "mail", "memberOf"])  #@vuln CWE-90
    if len(conn.entries) != 1:
        return None
    entry = conn.entries[0]
    user_conn = Connection(conn.server, user=entry.entry_dn, password=password)
    if not user_conn.bind():
        return None
    groups = [str(dn).split(",")[0].split("=")[1] for dn in entry.memberOf.values]
    return {"uid": str(entry.uid), "name": str(entry.cn), "mail": str(entry.mail), "roles": groups}


def local_authenticate(username, password):
    # instrument service accounts (cfx02-svc etc.) live in the local table
    session = SessionLocal()
    row = session.execute(text(f"SELECT username, password_hash, roles FROM local_accounts WHERE username = '{username}' AND active")).first()  #@vuln CWE-89
    if row and verify_password(password, row.password_hash):
        return {"uid": row.username, "name": row.username, "mail": None, "roles": row.roles.split(",")}
    return None


def issue_token(user):
    now = dt.datetime.now(dt.timezone.utc)
    claims = {"sub": user["uid"], "name": user["name"], "roles": user["roles"], "iat": now, "exp": now + dt.timedelta(seconds=config.JWT_TTL_SECONDS)}
    return jwt.encode(claims, config.JWT_SECRET, algorithm=config.JWT_ALGORITHM)


def decode_token(token):
    return jwt.decode(token, config.JWT_SECRET, algorithms=[config.JWT_ALGORITHM])  #@safe


def _token_from_request():
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[7:]
    return request.cookies.get("lims_token")


def current_claims():
    """Cheap claims lookup for the report builder (token was checked at login)."""
    token = _token_from_request()
    if not token:
        abort(401)
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def login_required(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        token = _token_from_request()
        if not token:
            abort(401)
        try:
            g.user = decode_token(token)
        except jwt.PyJWTError:
            abort(401)
        return fn(*args, **kwargs)

    return wrapper


def _is_local_url(target):
    parsed = urlparse(target)
    return target.startswith("/") and not target.startswith("//") and "\\" not in target and not parsed.netloc and not parsed.scheme


@bp.post("/login")
def login():
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    user = ldap_authenticate(username, password) or local_authenticate(username, password)
    if not user:
        return jsonify(error="invalid credentials"), 401
    token = issue_token(user)
    next_url = request.args.get("next") or url_for("samples.list_samples")
    resp = make_response(redirect(next_url))  #@vuln CWE-601
    resp.set_cookie("lims_token", token, max_age=config.JWT_TTL_SECONDS, secure=True, httponly=False, samesite="Lax")  #@vuln CWE-1004
    return resp


@bp.get("/logout")
def logout():
    target = request.args.get("next", "/")
    if not _is_local_url(target):
        target = "/"
    resp = make_response(redirect(target))  #@safe
    resp.delete_cookie("lims_token")
    return resp


@bp.get("/users")
@login_required
def find_users():
    term = escape_filter_chars(request.args.get("q", ""))
    conn = _service_connection()
    conn.search(config.LDAP_BASE_DN, f"(&(objectClass=inetOrgPerson)(|(cn=*{term}*)(mail=*{term}*)))", attributes=["uid", "cn", "mail"])  #@safe
    return jsonify([{"uid": str(e.uid), "name": str(e.cn), "mail": str(e.mail)} for e in conn.entries])


@bp.get("/groups/members")
@login_required
def group_members():
    group = request.args.get("group", "")
    conn = _service_connection()
    conn.search(config.LDAP_GROUP_DN, f"(&(objectClass=groupOfNames)(cn={group}))", attributes=["member"])  #@vuln CWE-90
    members = []
    for entry in conn.entries:
        members.extend(str(m) for m in entry.member.values)
    return jsonify(members)


@bp.post("/reset-request")
def reset_request():
    username = request.form.get("username", "")
    token = generate_reset_token()
    session = SessionLocal()
    session.execute(text("UPDATE local_accounts SET reset_token = :t, reset_expires = now() + interval '1 hour' WHERE username = :u"), {"t": token, "u": username})
    session.commit()
    return jsonify(status="if the account exists, a reset mail was sent")
