"""Login, logout, password reset and token authentication."""
from urllib.parse import urlparse

import jwt
import ldap
from flask import Blueprint, current_app, jsonify, make_response, redirect, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from ldap.filter import escape_filter_chars
from werkzeug.security import generate_password_hash

from api.db import User, db
from core.security import generate_reset_token, new_session_token, verify_password

bp = Blueprint("auth", __name__)

DEVICE_COOKIE = "lh_device"
DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 30


def _ldap_connection():
    cfg = current_app.config
    ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #@vuln CWE-295
    conn = ldap.initialize(cfg["LDAP_URL"])
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PASSWORD"])
    return conn


def ldap_authenticate(username, password):
    conn = _ldap_connection()
    search_filter = "(&(objectClass=eduPerson)(uid=%s))" % username
    results = conn.search_s(current_app.config["LDAP_BASE_DN"], ldap.SCOPE_SUBTREE, search_filter, ["mail", "cn"])  #@vuln CWE-90
    if not results:
        return None
    dn, attrs = results[0]
    try:
        conn.simple_bind_s(dn, password)
    except ldap.INVALID_CREDENTIALS:
        return None
    return {"mail": attrs["mail"][0].decode(), "cn": attrs["cn"][0].decode()}


def lookup_staff_by_email(email):
    conn = _ldap_connection()
    search_filter = "(&(objectClass=eduPerson)(mail=%s))" % escape_filter_chars(email)
    return conn.search_s(current_app.config["LDAP_BASE_DN"], ldap.SCOPE_SUBTREE, search_filter, ["uid", "cn"])  #@safe


def user_from_bearer(req):
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = header.split(" ", 1)[1]
    try:
        claims = jwt.decode(  #@safe
            token,
            current_app.config["JWT_SIGNING_KEY"],
            algorithms=["HS256"],
            audience=current_app.config["JWT_AUDIENCE"],
        )
    except jwt.PyJWTError:
        return None
    return db.session.get(User, int(claims["sub"]))


@bp.post("/login")
def login():
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    user = User.query.filter_by(username=username).first()
    if user and user.password_hash and verify_password(password, user.password_hash):
        login_user(user)
    else:
        info = ldap_authenticate(username, password)
        if info is None:
            return jsonify(error="invalid credentials"), 401
        user = User.query.filter_by(email=info["mail"]).first()
        if user is None:
            user = User(email=info["mail"], username=username, display_name=info["cn"])
            db.session.add(user)
            db.session.commit()
        login_user(user)

    next_url = request.args.get("next") or url_for("courses.dashboard")
    resp = make_response(redirect(next_url))  #@vuln CWE-601
    if request.form.get("remember_device"):
        resp.set_cookie(DEVICE_COOKIE, new_session_token(), max_age=DEVICE_COOKIE_MAX_AGE)  #@vuln CWE-614|CWE-1004
    return resp


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    target = request.form.get("return_to", "/")
    parsed = urlparse(target)
    if parsed.netloc and parsed.netloc not in current_app.config["ALLOWED_REDIRECT_HOSTS"]:
        target = "/"
    resp = redirect(target)  #@safe
    resp.delete_cookie(DEVICE_COOKIE)
    return resp


@bp.post("/register")
def register():
    data = request.get_json(force=True)
    if User.query.filter((User.email == data["email"]) | (User.username == data["username"])).first():
        return jsonify(error="account exists"), 409
    user = User(
        email=data["email"],
        username=data["username"],
        display_name=data.get("display_name") or data["username"],
        password_hash=generate_password_hash(data["password"]),  #@safe
    )
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201


@bp.post("/password/forgot")
def forgot_password():
    user = User.query.filter_by(email=request.form.get("email", "")).first()
    if user:
        user.reset_token = generate_reset_token()
        db.session.commit()
        current_app.logger.info("password reset requested for user %s", user.id)
    return jsonify(status="sent")


@bp.get("/me")
@login_required
def me():
    resp = jsonify(id=current_user.id, name=current_user.display_name, role=current_user.role)
    resp.set_cookie("lh_ui_session", new_session_token(), secure=True, httponly=True, samesite="Lax")  #@safe
    return resp
