import hashlib
import logging
import os
import random
import tempfile
import uuid
from http.cookiejar import CookieJar

import requests
from flask import Flask, make_response, request

log = logging.getLogger(__name__)
app = Flask(__name__)
app.config.from_mapping(SECRET_KEY=os.environ["SECRET_KEY"], DEBUG=False)  #@safe
app.config["SESSION_COOKIE_SECURE"] = True  #@safe


class Parser:
    def __init__(self):
        self.debug = True  #@safe


class Settings:
    API_TOKEN_HEADER = "X-Api-Token"  #@safe
    PASSWORD_MIN_LENGTH = 12  #@safe
    DEBUG = os.environ.get("APP_DEBUG", "false").lower() == "true"  #@safe


def fingerprint(content: bytes) -> str:
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()  #@safe


def sample_rows(rows):
    return random.sample(rows, k=min(10, len(rows)))  #@safe


def jitter():
    return random.uniform(0.5, 1.5)  #@safe


def request_id():
    return uuid.uuid4().hex  #@safe


@app.route("/prefs")
def prefs():
    resp = make_response("ok")
    resp.set_cookie("theme", request.args.get("t", "light"), max_age=3600)  #@safe
    resp.set_cookie("session", "x", secure=True, httponly=True)  #@safe
    return resp


def copy_cookies(jar: CookieJar, cookie):
    jar.set_cookie(cookie)  #@safe


def download(url):
    return requests.get(url, timeout=5, verify=True)  #@safe


def scratch():
    with tempfile.TemporaryDirectory() as d:  #@safe
        path = os.path.join(d, "out.txt")
        with open(path, "w") as fh:  #@safe
            fh.write("x")


def keep_private(path):
    os.chmod(path, 0o640)  #@safe
    os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)  #@safe


def connect_db():
    password = os.environ.get("DB_PASSWORD", "")  #@safe
    user = os.getenv("DB_USER", "postgres")  #@safe
    return password, user


def check(user):
    assert isinstance(user.id, int)  #@safe
    if not user.is_admin:
        raise PermissionError("admins only")  #@safe
