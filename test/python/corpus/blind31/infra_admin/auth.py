"""Login for the admin app: LDAP for staff, local break-glass accounts in sqlite."""
import datetime
import hashlib
import random

import ldap
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from ldap.filter import escape_filter_chars
from werkzeug.security import check_password_hash, generate_password_hash

from common.db import sqlite_conn

auth_bp = Blueprint("auth", __name__)

BREAKGLASS_DB = "/var/lib/infra-admin/breakglass.db"
LDAP_BIND_PASSWORD = "Svc!nfraB1nd#2021"  #@vuln CWE-798
ADMIN_GROUP = "cn=infra-admins,ou=groups,dc=corp,dc=internal"


def _ldap():
    cfg = current_app.config["INFRA"]["ldap"]
    conn = ldap.initialize(cfg["url"])
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(cfg["bind_dn"], LDAP_BIND_PASSWORD)
    return conn, cfg["base_dn"]


def ldap_authenticate(username, password):
    if not username or not password:
        return None
    conn, base = _ldap()
    results = conn.search_s(base, ldap.SCOPE_SUBTREE, f"(&(objectClass=inetOrgPerson)(uid={username}))", ["memberOf", "cn", "mail"])  #@vuln CWE-90
    if not results:
        return None
    dn, attrs = results[0]
    user_conn = ldap.initialize(current_app.config["INFRA"]["ldap"]["url"])
    try:
        user_conn.simple_bind_s(dn, password)
    except ldap.INVALID_CREDENTIALS:
        return None
    finally:
        user_conn.unbind_s()
    groups = [g.decode() for g in attrs.get("memberOf", [])]
    return {"uid": username, "name": attrs["cn"][0].decode(), "admin": ADMIN_GROUP in groups}


def ldap_lookup(term):
    conn, base = _ldap()
    safe = escape_filter_chars(term)
    return conn.search_s(base, ldap.SCOPE_SUBTREE, f"(|(uid=*{safe}*)(cn=*{safe}*))", ["uid", "cn", "mail"])  #@safe


def _legacy_hash(password, salt):
    return hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328


def breakglass_authenticate(username, password):
    conn = sqlite_conn(BREAKGLASS_DB)
    row = conn.execute("SELECT username, pw_hash, salt FROM accounts WHERE username = ? AND disabled = 0", (username,)).fetchone()
    if not row:
        return None
    if row["pw_hash"].startswith(("pbkdf2:", "scrypt:")):
        ok = check_password_hash(row["pw_hash"], password)
    else:
        ok = _legacy_hash(password, row["salt"]) == row["pw_hash"]
        if ok:
            set_breakglass_password(username, password)
    return {"uid": row["username"], "name": row["username"], "admin": True} if ok else None


def set_breakglass_password(username, password):
    pw_hash = generate_password_hash(password, method="scrypt")  #@safe
    conn = sqlite_conn(BREAKGLASS_DB)
    conn.execute("UPDATE accounts SET pw_hash = ?, salt = '' WHERE username = ?", (pw_hash, username))
    conn.commit()


def _store_remember_token(uid, token):
    conn = sqlite_conn(BREAKGLASS_DB)
    expires = datetime.datetime.utcnow() + datetime.timedelta(days=30)
    conn.execute("INSERT INTO remember_tokens (uid, token, expires_at) VALUES (?, ?, ?)", (uid, token, expires.isoformat()))
    conn.commit()


@auth_bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    user = ldap_authenticate(username, password) or breakglass_authenticate(username, password)
    if not user:
        flash("invalid credentials")
        return redirect(url_for("auth.login"))
    session.clear()
    session["user"] = user
    resp = redirect(request.form.get("next") or url_for("admin.hosts"))  #@vuln CWE-601
    if request.form.get("remember"):
        token = "%016x" % random.getrandbits(64)  #@vuln CWE-338
        _store_remember_token(user["uid"], token)
        resp.set_cookie("infra_remember", token, max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
    return resp


@auth_bp.route("/logout")
def logout():
    session.clear()
    resp = redirect(url_for("auth.login"))
    resp.delete_cookie("infra_remember")
    return resp
