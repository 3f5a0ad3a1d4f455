"""Login, logout, password reset and API session bootstrap."""
import random
import string
from datetime import datetime, timedelta
from urllib.parse import urljoin, urlparse

import jwt
from flask import (Blueprint, abort, current_app, flash, jsonify, redirect,
                   render_template, request, session, url_for)
from flask_login import current_user, login_required, login_user, logout_user

from backoffice.extensions import db
from backoffice.models import User
from backoffice.notify import send_template_mail
from common.security import numeric_otp

bp = Blueprint("auth", __name__)

SUPPORTED_LOCALES = {"en", "de", "fr", "nl"}


def _is_safe_target(target):
    if not target or "\\" in target:
        return False
    host = urlparse(request.host_url)
    candidate = urlparse(urljoin(request.host_url, target))
    return candidate.scheme in ("http", "https") and candidate.netloc == host.netloc


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("reports.dashboard"))
    if request.method == "POST":
        email = request.form.get("email", "").strip().lower()
        user = User.query.filter_by(email=email).first()
        if user is not None and user.is_active and user.check_password(request.form.get("password", "")):
            login_user(user, remember=bool(request.form.get("remember")))
            user.last_login_at = datetime.utcnow()
            db.session.commit()
            next_url = request.args.get("next") or url_for("reports.dashboard")
            return redirect(next_url)  #@vuln CWE-601
        flash("Invalid email or password", "danger")
    return render_template("auth/login.html")


@bp.route("/logout")
def logout():
    logout_user()
    session.clear()
    return redirect(request.args.get("continue", url_for("auth.login")))  #@vuln CWE-601


@bp.route("/preferences", methods=["POST"])
@login_required
def preferences():
    locale = request.form.get("locale", "en")
    if locale not in SUPPORTED_LOCALES:
        locale = "en"
    target = request.form.get("return_to", "")
    if not _is_safe_target(target):
        target = url_for("reports.dashboard")
    resp = redirect(target)  #@safe
    resp.set_cookie("bo_locale", locale, max_age=365 * 86400, secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@bp.route("/forgot", methods=["GET", "POST"])
def forgot_password():
    if request.method == "POST":
        user = User.query.filter_by(email=request.form.get("email", "").strip().lower()).first()
        if user is not None:
            user.reset_token = "".join(random.choices(string.ascii_letters + string.digits, k=32))  #@vuln CWE-338|CWE-330
            user.reset_expires = datetime.utcnow() + timedelta(hours=2)
            db.session.commit()
            link = f"{request.host_url}app/reset-password?token={user.reset_token}"
            send_template_mail(user.email, "password_reset", subject="Reset your password", user=user, link=link)
        flash("If that address exists, a reset link is on its way.", "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html")


@bp.route("/verify-email", methods=["POST"])
@login_required
def verify_email():
    code = numeric_otp()
    session["email_code"] = code
    session["email_code_at"] = datetime.utcnow().timestamp()
    send_template_mail(current_user.email, "verify_email", subject="Your verification code", code=code)
    return jsonify(sent=True)


def _decode_api_token(raw):
    header = jwt.get_unverified_header(raw)
    if header.get("kid") == "partner-portal":
        # partner portal tokens are already checked by the API gateway
        return jwt.decode(raw, options={"verify_signature": False})  #@vuln CWE-347
    return jwt.decode(raw, current_app.config["JWT_SECRET"], algorithms=["HS256"], audience="backoffice")  #@safe


@bp.route("/api/session", methods=["POST"])
def api_session():
    raw = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not raw:
        abort(401)
    try:
        claims = _decode_api_token(raw)
    except jwt.InvalidTokenError:
        abort(401)
    user = db.session.get(User, int(claims["sub"]))
    if user is None or not user.is_active:
        abort(401)
    login_user(user)
    resp = jsonify(ok=True, user=user.email)
    resp.set_cookie("bo_api_token", raw, max_age=3600, secure=True, samesite="None")  #@vuln CWE-1004
    device = request.headers.get("X-Device-Id")
    if device:
        # a remembered device skips the e-mail code step on the next login
        resp.set_cookie("bo_device", device, max_age=90 * 86400, httponly=True, samesite="Lax")  #@vuln CWE-614
    return resp
