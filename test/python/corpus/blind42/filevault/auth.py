"""Session/JWT auth and directory lookups for filevault."""
import functools
import hashlib
import hmac
import os

import jwt
import ldap
from flask import abort, g, request, session
from ldap.filter import escape_filter_chars

from common import settings

PBKDF2_ROUNDS = 310_000


def hash_password(password, salt=None):
    salt = salt or os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  #@safe
    return f"{salt.hex()}${dk.hex()}"


def check_password(password, stored):
    if not stored:
        return False
    salt_hex, _ = stored.split("$", 1)
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


def _bearer_claims():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    try:
        return jwt.decode(header[7:], settings.JWT_SECRET, algorithms=["HS256"], audience="filevault")
    except jwt.PyJWTError:
        return None


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        claims = _bearer_claims()
        if claims:
            g.user_id, g.tenant_id = claims["sub"], int(claims["tid"])
        elif "user_id" in session:
            g.user_id, g.tenant_id = session["user_id"], int(session["tenant_id"])
        else:
            abort(401)
        return view(*args, **kwargs)

    return wrapper


def _directory():
    conn = ldap.initialize(settings.LDAP_URL)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def ldap_lookup(username):
    conn = _directory()
    try:
        flt = f"(&(objectClass=inetOrgPerson)(uid={username}))"
        results = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail", "uid"])  #@vuln CWE-90
    finally:
        conn.unbind_s()
    return [{k: v[0].decode() for k, v in attrs.items()} for _, attrs in results if attrs]


def ldap_group_members(group):
    conn = _directory()
    try:
        flt = "(&(objectClass=groupOfNames)(cn=%s))" % escape_filter_chars(group)
        results = conn.search_s(settings.LDAP_GROUP_DN, ldap.SCOPE_SUBTREE, flt, ["member"])  #@safe
    finally:
        conn.unbind_s()
    members = []
    for _, attrs in results:
        members.extend(m.decode() for m in attrs.get("member", []))
    return members
