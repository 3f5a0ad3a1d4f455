"""Password / LDAP login, MFA step-up, refresh and logout."""
import logging
from urllib.parse import urlencode, urlparse

import pyotp
from flask import Blueprint, abort, current_app, jsonify, make_response, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from identity import ldap_auth, tokens
from identity.user_repo import UserRepository
from shared.authkit.crypto import SecretBox, hash_password, needs_rehash, random_token, token_digest, verify_password

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
repo = UserRepository()


def _secret_box():
    return SecretBox(current_app.config["SECRET_BOX_KEY"].encode())


def _is_local_url(target: str) -> bool:
    if not target:
        return False
    parsed = urlparse(target)
    return not parsed.scheme and not parsed.netloc and target.startswith("/") and not target.startswith("//")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))

    login_name = request.form.get("login", "").strip()
    password = request.form.get("password", "")
    next_url = request.form.get("next", "")

    if request.form.get("directory") == "corp":
        entry = ldap_auth.authenticate(login_name, password)
        if entry is None:
            return render_template("login.html", error="Invalid credentials", next=next_url), 401
        user = repo.get_by_email(entry["mail"])
        method = "ldap"
    else:
        user = repo.get_by_login(login_name)
        if user is None or not verify_password(password, user.password_hash):
            return render_template("login.html", error="Invalid credentials", next=next_url), 401
        if needs_rehash(user.password_hash):
            repo.set_password_hash(user.id, hash_password(password))
        method = "pwd"

    if user.totp_secret:
        session["mfa_user_id"] = user.id
        session["mfa_next"] = next_url
        pending = random_token(24)
        session["mfa_pending_digest"] = token_digest(pending)
        resp = make_response(redirect(url_for("auth.mfa")))
        resp.set_cookie("mfa_pending", pending, max_age=300, httponly=True, samesite="Strict")  #@vuln CWE-614
        return resp

    login_user(user)
    repo.record_login(user.id, request.remote_addr, method)
    if _is_local_url(next_url):
        return redirect(next_url)  #@safe
    return redirect("/")


@bp.route("/login/mfa", methods=["GET", "POST"])
def mfa():
    user_id = session.get("mfa_user_id")
    pending = request.cookies.get("mfa_pending", "")
    if not user_id or token_digest(pending) != session.get("mfa_pending_digest"):
        return redirect(url_for("auth.login"))
    if request.method == "GET":
        return render_template("mfa.html")

    user = repo.get_by_id(user_id)
    totp = pyotp.TOTP(_secret_box().open(user.totp_secret))
    if not totp.verify(request.form.get("code", ""), valid_window=1):
        return render_template("mfa.html", error="Wrong code"), 401

    next_url = session.pop("mfa_next", "")
    session.pop("mfa_user_id", None)
    session.pop("mfa_pending_digest", None)
    login_user(user, remember=bool(request.form.get("remember")))
    repo.record_login(user.id, request.remote_addr, "pwd+otp")

    resp = make_response(redirect(next_url or "/"))  #@vuln CWE-601
    if request.form.get("trust_device"):
        resp.set_cookie("trusted_device", random_token(32), max_age=30 * 86400, secure=True, samesite="Lax")  #@vuln CWE-1004
    resp.delete_cookie("mfa_pending")
    return resp


@bp.post("/token/refresh")
def refresh():
    raw = request.cookies.get("refresh_token") or request.form.get("refresh_token", "")
    try:
        claims = tokens.read_refresh_token(raw)
    except tokens.TokenError:
        abort(401)
    if not repo.is_refresh_token_active(claims["jti"]):
        abort(401)
    user = repo.get_by_id(int(claims["sub"]))
    if user is None:
        abort(401)
    repo.revoke_refresh_token(claims["jti"])
    access = tokens.issue_access_token(user, scopes=["openid", "profile", "api"])
    new_refresh = tokens.issue_refresh_token(user, repo, request.headers.get("User-Agent", ""))
    resp = jsonify(access_token=access, token_type="Bearer", expires_in=900)
    resp.set_cookie("refresh_token", new_refresh, max_age=14 * 86400, httponly=True, secure=True, samesite="Strict", path="/token")  #@safe
    return resp


@bp.post("/token/revoke")
def revoke():
    raw = request.form.get("token", "")
    try:
        claims = tokens.read_refresh_token(raw)
    except tokens.TokenError:
        return "", 200
    repo.revoke_refresh_token(claims.get("jti", ""))
    return "", 200


@bp.get("/authorize")
def authorize():
    """Minimal first-party authorization endpoint (code goes back via redirect)."""
    client_id = request.args.get("client_id", "")
    redirect_uri = request.args.get("redirect_uri", "")
    state = request.args.get("state", "")
    client = current_app.config["FIRST_PARTY_CLIENTS"].get(client_id)
    if client is None:
        abort(400, "unknown client")
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))

    code = random_token(24)
    session["auth_code"] = {"code": token_digest(code), "client_id": client_id, "user_id": current_user.id}
    query = urlencode({"code": code, "state": state})
    if "redirect_uris" in client:
        if redirect_uri not in client["redirect_uris"]:
            abort(400, "redirect_uri not registered")
        return redirect(redirect_uri + "?" + query)  #@safe
    if not redirect_uri.startswith(client["redirect_prefix"]):
        abort(400, "redirect_uri not allowed")
    return redirect(redirect_uri + "?" + query)  #@vuln CWE-601


@bp.route("/logout")
def logout():
    logout_user()
    session.clear()
    resp = make_response(redirect(request.args.get("return_to") or url_for("auth.login")))  #@vuln CWE-601
    resp.delete_cookie("refresh_token", path="/token")
    return resp
