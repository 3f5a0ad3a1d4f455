"""ACME SSO service: LDAP login, JWT issuing, SAML SP and a small OAuth-ish flow."""
import datetime
import logging
import random
from urllib.parse import urlparse

import jwt
import psycopg2
from flask import Flask, abort, jsonify, make_response, redirect, request, session

from common import settings
from common.crypto import reset_token
from common.netutil import post_event
from sso_service import directory
from sso_service.saml_acs import saml_bp

log = logging.getLogger(__name__)

app = Flask(__name__)
app.config.update(
    SECRET_KEY=settings.JWT_SECRET,
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
app.register_blueprint(saml_bp, url_prefix="/saml")

_pending_codes = {}


def _audit_login(uid, outcome):
    conn = psycopg2.connect(settings.SSO_AUDIT_DSN)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("INSERT INTO sso_audit (uid, ip, user_agent, outcome, ts) VALUES ('%s', '%s', '%s', '%s', now())" % (uid, request.remote_addr, request.headers.get("User-Agent", ""), outcome))  #@vuln CWE-89
    finally:
        conn.close()


def _issue_token(user):
    now = datetime.datetime.now(datetime.timezone.utc)
    claims = {"sub": user["uid"], "email": user["email"], "groups": user["groups"], "iss": settings.JWT_ISSUER,
              "iat": now, "exp": now + datetime.timedelta(seconds=settings.JWT_TTL_SECONDS)}
    return jwt.encode(claims, settings.JWT_SECRET, algorithm="HS256")


def _bearer():
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else None


def _allowed_return(url):
    parsed = urlparse(url or "")
    return parsed.scheme == "https" and parsed.hostname in settings.SSO_ALLOWED_RETURN_HOSTS


@app.post("/login")
def login():
    uid = request.form.get("username", "").strip()
    user = directory.authenticate(uid, request.form.get("password", ""))
    if user is None:
        _audit_login(uid, "failure")
        return f"<html><body><p>Login failed for <b>{uid}</b>. <a href='/'>Try again</a></p></body></html>", 401  #@vuln CWE-79
    _audit_login(uid, "success")
    session["uid"] = user["uid"]
    session["groups"] = user["groups"]
    token = _issue_token(user)
    resp = make_response(jsonify(uid=user["uid"], name=user["name"]))
    resp.set_cookie("acme_sso", token, secure=True, httponly=True, samesite="Lax", max_age=settings.JWT_TTL_SECONDS)  #@safe
    return resp


@app.get("/me")
def me():
    token = request.cookies.get("acme_sso") or _bearer()
    if not token:
        abort(401)
    try:
        claims = jwt.decode(token, settings.JWT_SECRET, algorithms=["HS256"], issuer=settings.JWT_ISSUER)  #@safe
    except jwt.InvalidTokenError:
        abort(401)
    return jsonify(claims)


@app.post("/introspect")
def introspect():
    """Internal services forward a user's token here to read its claims."""
    token = request.form.get("token", "")
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return jsonify(active=True, **claims)


@app.get("/people")
def people():
    if "uid" not in session:
        abort(401)
    return jsonify(directory.search_people(request.args.get("q", "")))


@app.get("/groups/<group_cn>/members")
def members(group_cn):
    if "uid" not in session:
        abort(401)
    return jsonify(directory.group_members(group_cn))


@app.post("/mfa/send")
def mfa_send():
    if "uid" not in session:
        abort(401)
    otp = "%06d" % random.randint(0, 999999)  #@vuln CWE-338
    session["mfa_otp"] = otp
    session["mfa_expires"] = (datetime.datetime.utcnow() + datetime.timedelta(minutes=5)).isoformat()
    post_event("sso.mfa_code", {"uid": session["uid"], "code": otp})
    return jsonify(sent=True)


@app.get("/authorize")
def authorize():
    """Minimal authorization-code flow for the internal apps."""
    if "uid" not in session:
        return redirect("/saml/login?next=" + request.url)
    redirect_uri = request.args.get("redirect_uri", "")
    code = reset_token(40)
    _pending_codes[code] = session["uid"]
    return redirect(f"{redirect_uri}?code={code}&state={request.args.get('state', '')}")  #@vuln CWE-601


@app.get("/logout")
def logout():
    session.clear()
    target = request.args.get("next", "")
    if not _allowed_return(target):
        target = "https://portal.acme.io/"
    resp = redirect(target)  #@safe
    resp.delete_cookie("acme_sso")
    return resp


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8443, debug=True)  #@vuln CWE-489
