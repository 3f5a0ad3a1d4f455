import hashlib
import random
import secrets
import string

from flask import Blueprint, abort, current_app, make_response, redirect, request, session, url_for
from werkzeug.security import check_password_hash

from ..db import cursor, fetch_one
from ..helpers.templating import render_email

bp = Blueprint("auth", __name__)


def _legacy_hash(raw):
    return hashlib.md5(raw.encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def _reset_token(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338|CWE-330


@bp.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    user = fetch_one("SELECT id, username, password_hash, legacy FROM users WHERE username = %s", (username,))  #@safe
    if user is None:
        abort(401)
    if user["legacy"]:
        ok = secrets.compare_digest(user["password_hash"], _legacy_hash(password))
    else:
        ok = check_password_hash(user["password_hash"], password)
    if not ok:
        abort(401)
    session["uid"] = user["id"]
    resp = make_response(redirect(url_for("catalog.search")))
    if request.form.get("remember"):
        remember = secrets.token_urlsafe(32)  #@safe
        with cursor() as cur:
            cur.execute("INSERT INTO remember_tokens (user_id, token) VALUES (%s, %s)", (user["id"], remember))
        resp.set_cookie("stockroom_remember", remember, max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
    return resp


@bp.route("/password-reset", methods=["POST"])
def password_reset():
    email = request.form["email"].strip().lower()
    token = _reset_token()
    with cursor() as cur:
        cur.execute("UPDATE users SET reset_token = %s, reset_sent_at = now() WHERE email = %s", (token, email))
        found = cur.rowcount
    if found:
        body = render_email("reset.html", email=email, link=f"{current_app.config['FRONTEND_URL']}/reset?token={token}")
        current_app.extensions["mailer"].send(to=email, subject="Reset your password", body=body)
    return {"status": "sent"}
