import base64
from urllib.parse import urlparse

from flask import Blueprint, abort, g, jsonify, make_response, redirect, request

from .crypto import decrypt_legacy_cookie
from .passwords import check_password, email_reset_token, sms_reset_code
from .saml import entity_id_from_assertion
from .settings import TRUSTED_REDIRECT_HOSTS
from .tokens import issue_token, require_scope

bp = Blueprint("auth", __name__)
USERS = {}


@bp.post("/login")
def login():
    data = request.get_json(force=True)
    user = USERS.get(data.get("email", "").lower())
    if not user or not check_password(data.get("password", ""), user["hash"], user.get("salt", "")):
        abort(401)
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("access_token", issue_token(user["id"], user["scopes"]), secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


@bp.post("/login/legacy")
def legacy_login():
    raw = base64.b64decode(request.form["sso"])
    user_id = int(decrypt_legacy_cookie(raw).decode())
    resp = make_response(redirect("/"))
    resp.set_cookie("session_id", issue_token(user_id, ["read"]))  #@vuln CWE-614|CWE-1004
    return resp


@bp.post("/sso/acs")
def sso_acs():
    entity = entity_id_from_assertion(base64.b64decode(request.form["SAMLResponse"]))
    relay = request.form.get("RelayState", "/")
    if entity is None:
        abort(400)
    return redirect(relay)  #@vuln CWE-601


@bp.get("/continue")
def continue_to():
    target = request.args.get("to", "https://app.example.com/")
    if urlparse(target).hostname not in TRUSTED_REDIRECT_HOSTS:
        target = "https://app.example.com/"
    return redirect(target)  #@safe


@bp.post("/reset")
def reset():
    channel = request.form.get("channel", "email")
    code = sms_reset_code() if channel == "sms" else email_reset_token()
    return jsonify(sent=True, length=len(code))


@bp.get("/me")
@require_scope("profile:read")
def me():
    return jsonify(id=g.user_id)
