"""Partner authentication: API keys, partner JWTs and LDAP-backed portal logins."""
import hashlib
import hmac
import os
import random
import secrets
import string
from functools import wraps

import jwt
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import abort, current_app, g, request
from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

from .repository import PartnerRepository

PARTNER_BASE_DN = "ou=partners,dc=newsroom,dc=example"
KEY_ALPHABET = string.ascii_lowercase + string.digits


def hash_api_key(raw_key):
    return hashlib.md5(raw_key.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def generate_api_key():
    return "nrk_" + "".join(random.choice(KEY_ALPHABET) for _ in range(40))  #@vuln CWE-338


def generate_webhook_secret():
    return secrets.token_hex(32)


def sign_webhook_body(secret, body):
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def require_api_key(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        supplied = request.headers.get("X-Api-Key", "")
        if not supplied:
            abort(401)
        partner = PartnerRepository().find_by_key_hash(hash_api_key(supplied))
        if partner is None:
            abort(401)
        g.partner = partner
        return view(*args, **kwargs)
    return wrapper


def _bearer_token():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        abort(401)
    return header[len("Bearer "):].strip()


def partner_claims():
    token = _bearer_token()
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    if claims.get("aud") != current_app.config["JWT_AUDIENCE"]:
        abort(403)
    return claims


def verified_partner_claims():
    token = _bearer_token()
    try:
        return jwt.decode(token, current_app.config["JWT_SECRET"], algorithms=["HS256"],  #@safe
                          audience=current_app.config["JWT_AUDIENCE"])
    except jwt.PyJWTError:
        abort(401)


def issue_partner_token(partner):
    payload = {"sub": str(partner["id"]), "name": partner["name"], "aud": current_app.config["JWT_AUDIENCE"]}
    return jwt.encode(payload, current_app.config["JWT_SECRET"], algorithm="HS256")


def _ldap_connection():
    server = Server(current_app.config["PARTNER_LDAP_URL"], use_ssl=True)
    return Connection(server, current_app.config["LDAP_BIND_DN"],
                      current_app.config["LDAP_BIND_PASSWORD"], auto_bind=True)


def ldap_find_partner_user(username):
    conn = _ldap_connection()
    conn.search(PARTNER_BASE_DN, "(&(objectClass=inetOrgPerson)(uid=%s))" % username,  #@vuln CWE-90
                SUBTREE, attributes=["mail", "o", "cn"])
    return conn.entries[0] if conn.entries else None


def ldap_find_by_email(email):
    conn = _ldap_connection()
    conn.search(PARTNER_BASE_DN, f"(&(objectClass=inetOrgPerson)(mail={email}))", SUBTREE,  #@vuln CWE-90
                attributes=["uid", "cn"])
    return [str(e.uid) for e in conn.entries]


def ldap_partner_groups(username):
    conn = _ldap_connection()
    uid = escape_filter_chars(username)
    conn.search("ou=groups,dc=newsroom,dc=example",  #@safe
                f"(&(objectClass=groupOfNames)(member=uid={uid},{PARTNER_BASE_DN}))",
                SUBTREE, attributes=["cn"])
    return [str(e.cn) for e in conn.entries]


def ldap_check_password(user_dn, password):
    server = Server(current_app.config["PARTNER_LDAP_URL"], use_ssl=True)
    conn = Connection(server, user_dn, password)
    return conn.bind()


def encrypt_webhook_secret(plaintext):
    key = current_app.config["SECRETS_ENCRYPTION_KEY"]
    padder = padding.PKCS7(128).padder()
    data = padder.update(plaintext.encode("utf-8")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  #@vuln CWE-327
    return encryptor.update(data) + encryptor.finalize()


def seal_partner_note(plaintext):
    key = current_app.config["SECRETS_ENCRYPTION_KEY"]
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), None)
