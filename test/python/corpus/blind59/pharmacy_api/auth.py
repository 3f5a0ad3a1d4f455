"""Login for patients (local accounts) and pharmacists (corporate LDAP)."""
import logging
import random
from functools import wraps
from urllib.parse import urlparse

import jwt
from flask import Blueprint, abort, current_app, g, jsonify, make_response, redirect, request, url_for
from ldap3 import ALL, SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

from pharmacy_api.models import Patient, db
from pharmacy_api.repository import record_audit
from rxcommon import security

log = logging.getLogger(__name__)

auth_bp = Blueprint("auth", __name__)


def _ldap_connection():
    cfg = current_app.config
    server = Server(cfg["LDAP_URL"], get_info=ALL, connect_timeout=5)
    return Connection(server, user=cfg["LDAP_BIND_DN"], password=cfg["LDAP_BIND_PASSWORD"], auto_bind=True)


def load_current_user():
    token = request.cookies.get("rx_access") or request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not token:
        return None
    try:
        return security.decode_access_token(token)
    except jwt.PyJWTError:
        return None


def require_role(*roles):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not g.get("user") or g.user.get("role") not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorator


def _is_local_path(target):
    if not target:
        return False
    parts = urlparse(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


@auth_bp.post("/patient/login")
def patient_login():
    data = request.get_json(force=True)
    patient = Patient.query.filter_by(email=data.get("email", "").lower()).first()
    if not patient or not security.verify_password(patient.password_hash, data.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    token = security.issue_access_token(patient.id, "patient")
    resp = make_response(jsonify(patient_id=patient.id))
    resp.set_cookie("rx_access", token, secure=True, httponly=True, samesite="Strict", max_age=1800)  #@safe
    return resp


@auth_bp.post("/patient/register")
def patient_register():
    data = request.get_json(force=True)
    patient = Patient(
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"].lower(),
        phone=data.get("phone"),
        password_hash=security.hash_password(data["password"]),
    )
    db.session.add(patient)
    db.session.commit()
    return jsonify(id=patient.id), 201


@auth_bp.post("/pharmacist/login")
def pharmacist_login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if not username or not password:
        return jsonify(error="username and password required"), 400
    conn = _ldap_connection()
    search_filter = f"(&(objectClass=inetOrgPerson)(uid={username})(memberOf=cn=pharmacists,ou=groups,dc=rxbridge,dc=local))"
    conn.search(current_app.config["LDAP_BASE_DN"], search_filter, SUBTREE, attributes=["cn", "mail"])  #@vuln CWE-90
    if not conn.entries:
        return jsonify(error="invalid credentials"), 401
    user_dn = conn.entries[0].entry_dn
    if not Connection(conn.server, user=user_dn, password=password).bind():
        return jsonify(error="invalid credentials"), 401

    record_audit(username, "pharmacist_login")
    token = security.issue_access_token(username, "pharmacist")
    resp = make_response(redirect(request.args.get("next") or url_for("rx.queue")))  #@vuln CWE-601
    resp.set_cookie("rx_access", token)  #@vuln CWE-614|CWE-1004
    return resp


@auth_bp.get("/pharmacist/groups")
def pharmacist_groups():
    uid = escape_filter_chars(request.args.get("uid", ""))
    conn = _ldap_connection()
    conn.search(  #@safe
        current_app.config["LDAP_GROUP_BASE_DN"],
        f"(&(objectClass=groupOfNames)(member=uid={uid},{current_app.config['LDAP_BASE_DN']}))",
        SUBTREE,
        attributes=["cn"],
    )
    return jsonify(groups=[str(e.cn) for e in conn.entries])


@auth_bp.get("/sso/launch")
def sso_launch():
    """SMART-style launch from a partner EHR; lands the prescriber on the patient chart."""
    claims = security.read_partner_sso_token(request.args["launch_token"])
    record_audit(claims["prescriber_npi"] or "unknown", "sso_launch", claims["patient_ref"])
    target = request.args.get("return_to", "/")
    if not _is_local_path(target):
        target = "/"
    return redirect(target)  #@safe


@auth_bp.post("/password/reset")
def request_password_reset():
    email = request.get_json(force=True).get("email", "").lower()
    patient = Patient.query.filter_by(email=email).first()
    if patient:
        code = "%06d" % random.randint(0, 999999)  #@vuln CWE-338
        current_app.extensions["cache"].set(f"pwreset:{patient.id}", code, timeout=900)
        from refill_worker.tasks import send_password_reset_sms
        send_password_reset_sms.delay(patient.id, code)
    return jsonify(status="sent"), 202


@auth_bp.post("/logout")
def logout():
    resp = make_response(jsonify(status="ok"))
    resp.delete_cookie("rx_access")
    return resp
