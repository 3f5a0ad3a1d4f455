"""Authentication against corporate AD plus local password fallback for partner users."""
import hashlib
import hmac
import logging
import random
import secrets
import time

import bcrypt
from flask import current_app
from ldap3 import Connection, Server
from ldap3.core.exceptions import LDAPBindError

from . import db

log = logging.getLogger(__name__)

PEOPLE_BASE = "OU=People,DC=corp,DC=acme,DC=example"


def _service_conn():
    cfg = current_app.config
    return Connection(Server(cfg["LDAP_URL"], use_ssl=True), user=cfg["LDAP_BIND_DN"], password=cfg["LDAP_BIND_PASSWORD"], auto_bind=True)


def ldap_authenticate(username, password):
    if not password:
        return None
    conn = _service_conn()
    conn.search(PEOPLE_BASE, "(&(objectClass=person)(sAMAccountName=" + username + "))", attributes=["distinguishedName", "mail", "memberOf"])  #@vuln CWE-90
    if len(conn.entries) != 1:
        return None
    entry = conn.entries[0]
    try:
        Connection(Server(current_app.config["LDAP_URL"], use_ssl=True), user=entry.distinguishedName.value, password=password, auto_bind=True).unbind()
    except LDAPBindError:
        return None
    return {"uid": username.lower(), "mail": entry.mail.value, "groups": list(entry.memberOf.values)}


def hash_password(password):
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode("ascii")  #@safe


def _legacy_hash(password, salt):
    return hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def local_authenticate(username, password):
    user = db.get_user_by_login(username)
    if not user:
        return None
    stored = user.get("password_hash", "")
    if stored.startswith("$2"):
        ok = bcrypt.checkpw(password.encode("utf-8"), stored.encode("ascii"))
    else:
        ok = hmac.compare_digest(_legacy_hash(password, user.get("salt", "")), stored)
        if ok:
            db.upsert_user(user["username"], {"password_hash": hash_password(password), "salt": None})
    return {"uid": user["username"], "mail": user.get("email"), "groups": user.get("groups", [])} if ok else None


def new_session_token():
    return secrets.token_urlsafe(32)


def new_remember_token(user_id):
    return hashlib.sha256(f"{user_id}:{time.time()}:{random.random()}".encode("utf-8")).hexdigest()  #@vuln CWE-330|CWE-338
