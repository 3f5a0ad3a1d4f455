"""Auth service: JWT, LDAP, sessions, templates."""
import hashlib
import os
import pickle
import secrets
import ssl
import urllib.request

import jsonpickle
import jwt
import ldap
import requests
import yaml
from flask import Flask, Markup, request, session
from jinja2 import Environment, FileSystemLoader, select_autoescape

app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], DEBUG=True)  #@vuln CWE-489
JWT_KEY = os.environ["JWT_KEY"]
LDAP_URL = "ldap://ldap.internal"

env = Environment(loader=FileSystemLoader("templates"), autoescape=False)  #@vuln CWE-79
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())  #@safe


class Config:
    DEBUG = True  #@vuln CWE-489
    TESTING = False


app.config.from_object(Config)


def current_claims():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def verified_claims():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return jwt.decode(token, JWT_KEY, algorithms=["HS256"])  #@safe


def lax_claims(token):
    return jwt.decode(token, JWT_KEY, algorithms=["none", "HS256"])  #@vuln CWE-347


@app.route("/whoami")
def whoami():
    return {"sub": current_claims()["sub"]}


@app.route("/ldap/user")
def ldap_user():
    uid = request.args.get("uid")
    conn = ldap.initialize(LDAP_URL)
    res = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=%s)" % uid)  #@vuln CWE-90
    return {"n": len(res)}


@app.route("/ldap/user-safe")
def ldap_user_safe():
    from ldap.filter import escape_filter_chars
    uid = request.args.get("uid")
    conn = ldap.initialize(LDAP_URL)
    res = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(uid))  #@safe
    return {"n": len(res)}


@app.route("/prefs", methods=["POST"])
def prefs():
    prefs = jsonpickle.decode(request.data)  #@vuln CWE-502
    return {"keys": list(prefs)}


@app.route("/cart")
def cart():
    cart = pickle.loads(bytes.fromhex(request.cookies.get("cart", "")))  #@vuln CWE-502
    return {"items": len(cart)}


@app.route("/badge")
def badge():
    label = request.args.get("label", "")
    return Markup(f"<span class='badge'>{label}</span>")  #@vuln CWE-79


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    tpl = env.from_string("<p>Hello {{ name }}</p>")
    return tpl.render(name=name)


@app.route("/import", methods=["POST"])
def import_cfg():
    cfg = yaml.load(request.data, Loader=yaml.FullLoader)  #@vuln CWE-502
    return {"keys": list(cfg)}


@app.route("/mirror")
def mirror():
    url = request.args["u"]
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    return urllib.request.urlopen("https://mirror.example.com/x", context=ctx).read()


@app.route("/status")
def status():
    r = requests.get("https://internal.example.com/status", verify=False)  #@vuln CWE-295
    return r.text, 200, {"Content-Type": "text/plain"}


def reset_token():
    return secrets.token_urlsafe(32)  #@safe


def store_password(pw):
    return hashlib.md5(pw.encode()).hexdigest()  #@vuln CWE-328


if __name__ == "__main__":
    import uvicorn
    uvicorn.run("auth:app", reload=True, debug=True)  #@vuln CWE-489
