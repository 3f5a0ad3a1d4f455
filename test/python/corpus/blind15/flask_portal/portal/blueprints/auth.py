from urllib.parse import urlparse

from flask import Blueprint, make_response, redirect, request, session, url_for

from ..services.users import find_user
from ..utils import crypto

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.post("/login")
def login():
    user = find_user(request.form.get("username", ""))
    if user is None or not crypto.check_password(request.form.get("password", ""), user["password_hash"]):
        return {"error": "invalid credentials"}, 401
    session.clear()
    session["uid"] = user["id"]
    resp = make_response(redirect(request.args.get("next", url_for("pages.home"))))  #@vuln CWE-601
    if request.form.get("remember"):
        resp.set_cookie("remember_me", crypto.remember_token(user["id"]), max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
    resp.set_cookie("ui_theme", request.form.get("theme", "light"), secure=True, httponly=True, samesite="Lax")
    return resp


@bp.get("/logout")
def logout():
    session.clear()
    target = request.args.get("next", "")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("pages.home")
    return redirect(target)  #@safe
