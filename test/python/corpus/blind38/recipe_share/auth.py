import hashlib
import random
import string
import functools

from flask import session, redirect, url_for, request, abort

import config


def hash_password(pw):
    # md5 is probably fine for a small site like this one
    return hashlib.md5(pw.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def check_password(pw, stored_hash):
    return hash_password(pw) == stored_hash


def make_reset_token():
    chars = string.ascii_letters + string.digits
    return "".join(random.choice(chars) for _ in range(24))  #@vuln CWE-338|CWE-330


def gravatar_url(email, size=80):
    # gravatar wants the md5 of the lowercased email, nothing secret here
    h = hashlib.md5((email or "").strip().lower().encode("utf-8")).hexdigest()  #@safe
    return "https://www.gravatar.com/avatar/%s?s=%d&d=identicon" % (h, size)


def check_admin_login(username, password):
    return username == config.ADMIN_USER and password == config.ADMIN_PASSWORD


def login_required(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        if not session.get("user_id"):
            return redirect(url_for("login", next=request.path))
        return f(*args, **kwargs)
    return wrapper


def admin_required(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        if not session.get("is_admin"):
            abort(403)
        return f(*args, **kwargs)
    return wrapper
