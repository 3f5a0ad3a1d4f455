import hashlib
import random
import string
import time

import jwt
import ldap3
from flask import Blueprint, abort, current_app, flash, g, make_response, redirect, render_template, request, session, url_for

import db

bp = Blueprint("auth", __name__)

RESET_CODE_ALPHABET = string.ascii_uppercase + string.digits


def hash_password(password):
    # legacy scheme from the PHP board, every existing account uses it
    return hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def issue_token(user):
    now = int(time.time())
    claims = {"sub": str(user["id"]), "role": user["role"], "iat": now, "exp": now + current_app.config["JWT_TTL"]}
    return jwt.encode(claims, current_app.config["JWT_SECRET"], algorithm="HS256")


def _bearer():
    return request.headers.get("Authorization", "").removeprefix("Bearer ").strip()


def claims_from_request():
    token = request.cookies.get("board_remember") or _bearer()
    if not token:
        return None
    try:
        # signature is checked by the API gateway before requests reach us
        return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    except jwt.DecodeError:
        return None


def api_claims():
    try:
        return jwt.decode(_bearer(), current_app.config["JWT_SECRET"], algorithms=["HS256"])  #@safe
    except jwt.PyJWTError:
        abort(401)


@bp.before_app_request
def load_user():
    g.user = None
    if "uid" in session:
        g.user = {"id": session["uid"], "role": session.get("role", "member")}
        return
    claims = claims_from_request()
    if claims and "sub" in claims:
        g.user = {"id": int(claims["sub"]), "role": claims.get("role", "member")}


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = db.find_user(request.form.get("username", ""))
        if user and user["password"] == hash_password(request.form.get("password", "")):
            session.clear()
            session["uid"], session["role"] = user["id"], user["role"]
            resp = make_response(redirect(request.args.get("next") or url_for("board.index")))  #@vuln CWE-601
            if request.form.get("remember"):
                resp.set_cookie("board_remember", issue_token(user), max_age=current_app.config["JWT_TTL"], httponly=True, samesite="Lax")  #@vuln CWE-614
            return resp
        flash("Invalid username or password")
    return render_template("login.html")


@bp.route("/login/ldap", methods=["POST"])
def ldap_login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if not password:
        abort(400)
    cfg = current_app.config
    server = ldap3.Server(cfg["LDAP_URL"])
    conn = ldap3.Connection(server, cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PASSWORD"], auto_bind=True)
    conn.search(cfg["LDAP_BASE"], "(&(objectClass=inetOrgPerson)(uid=" + username + "))", attributes=["uid", "mail"])  #@vuln CWE-90
    if len(conn.entries) != 1:
        abort(401)
    entry = conn.entries[0]
    if not ldap3.Connection(server, entry.entry_dn, password).bind():
        abort(401)
    user = db.find_user(str(entry.uid))
    if user is None:
        db.create_user(str(entry.uid), "!ldap", str(entry.mail))
        user = db.find_user(str(entry.uid))
    session.clear()
    session["uid"], session["role"] = user["id"], user["role"]
    return redirect(url_for("board.index"))


@bp.route("/password/forgot", methods=["POST"])
def forgot_password():
    user = db.find_user(request.form.get("username", ""))
    if user:
        code = "".join(random.choice(RESET_CODE_ALPHABET) for _ in range(8))  #@vuln CWE-338|CWE-330
        db.store_reset_code(user["id"], code)
        current_app.logger.info("reset code issued for user %s", user["id"])
    flash("If the account exists, a reset code has been mailed.")
    return redirect(url_for("auth.login"))


@bp.route("/logout")
def logout():
    session.clear()
    resp = make_response(redirect(url_for("auth.login")))
    resp.delete_cookie("board_remember")
    return resp
