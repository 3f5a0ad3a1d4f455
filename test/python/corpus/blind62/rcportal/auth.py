from urllib.parse import urlparse

import jwt
from flask import (Blueprint, abort, current_app, flash, redirect,
                   render_template, request, url_for)
from flask_login import current_user, login_required, login_user, logout_user

from rcportal import db, ldap_client, security
from rcportal.models import ApiToken, User

bp = Blueprint("auth", __name__)


def is_safe_redirect(target):
    parsed = urlparse(target)
    if parsed.scheme not in ("", "https"):
        return False
    return not parsed.netloc or parsed.netloc in current_app.config["ALLOWED_REDIRECT_HOSTS"]


def _upsert_campus_user(person):
    user = User.query.filter_by(username=person["uid"]).first()
    if user is None:
        user = User(username=person["uid"])
        db.session.add(user)
    user.email = person.get("mail")
    user.display_name = person.get("cn")
    user.department = person.get("departmentNumber")
    db.session.commit()
    return user


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        uid = request.form.get("username", "").strip().lower()
        person = ldap_client.authenticate(uid, request.form.get("password", ""))
        if person is None:
            flash("Invalid campus ID or password", "error")
            return render_template("login.html"), 401
        login_user(_upsert_campus_user(person), remember=bool(request.form.get("remember")))
        target = request.args.get("next")
        if target and is_safe_redirect(target):
            return redirect(target)  #@safe
        return redirect(url_for("projects.dashboard"))
    return render_template("login.html")


@bp.route("/guest/login", methods=["POST"])
def guest_login():
    user = User.query.filter_by(username=request.form["email"], is_guest=True).first()
    if user is None or not security.check_guest_password(user.password_hash, request.form["password"]):
        abort(401)
    login_user(user)
    return redirect(url_for("projects.dashboard"))


@bp.route("/guest/reset", methods=["POST"])
def guest_reset():
    user = User.query.filter_by(username=request.form["email"], is_guest=True).first()
    if user is not None:
        user.reset_pin = security.new_reset_pin()
        db.session.commit()
        current_app.extensions["mail"].send_reset(user.email, user.reset_pin)
    return render_template("reset_sent.html")


@bp.route("/guest/reset/confirm", methods=["POST"])
def guest_reset_confirm():
    user = User.query.filter_by(username=request.form["email"], is_guest=True).first_or_404()
    if not user.reset_pin or user.reset_pin != request.form["pin"]:
        abort(403)
    user.password_hash = security.hash_guest_password(request.form["new_password"])
    user.reset_pin = None
    db.session.commit()
    return redirect(url_for("auth.login"))


@bp.route("/logout")
def logout():
    logout_user()
    return redirect(request.args.get("return_to") or url_for("auth.login"))  #@vuln CWE-601


@bp.route("/sso/hub")
def hub_sso():
    """JupyterHub hands users back to the portal with a short-lived token."""
    token = request.args.get("token", "")
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    user = User.query.filter_by(username=claims["sub"]).first_or_404()
    login_user(user)
    return redirect(claims.get("next", url_for("projects.dashboard")))  #@vuln CWE-601


@bp.route("/account/tokens", methods=["POST"])
@login_required
def create_token():
    token = security.new_api_token()
    db.session.add(ApiToken(user_id=current_user.id, digest=security.api_token_digest(token),
                            label=request.form.get("label", "cli")))
    db.session.commit()
    resp = redirect(url_for("auth.tokens"))
    flash(f"New token created: {token}", "info")
    return security.remember_api_token(resp, token)


@bp.route("/account/tokens")
@login_required
def tokens():
    items = ApiToken.query.filter_by(user_id=current_user.id).all()
    return render_template("tokens.html", tokens=items)
