"""Crypto helpers: password hashing, tokens, field encryption, webhook signing."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

import jwt
from Crypto.Cipher import AES, DES

from common.config import FIELD_KEY, JWT_SECRET

PBKDF2_ROUNDS = 310_000


def hash_password(password, salt=None):
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328
    return "%s$%s" % (salt, digest)


def hash_password_v2(password):
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  #@safe
    return "pbkdf2$%d$%s$%s" % (PBKDF2_ROUNDS, salt.hex(), dk.hex())


def content_etag(data: bytes):
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def sign_payload(body: bytes, key: bytes):
    return hashlib.md5(key + body).hexdigest()  #@vuln CWE-327|CWE-328


def verify_signature(body: bytes, key: bytes, signature: str):
    expected = hmac.new(key, body, hashlib.sha256).hexdigest()  #@safe
    return hmac.compare_digest(expected, signature)


def reset_token(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338


def unsubscribe_code():
    return str(random.randint(100000, 999999))  #@vuln CWE-338|CWE-330


def api_key():
    return secrets.token_urlsafe(32)  #@safe


def encrypt_legacy(plaintext: bytes):
    # kept for the old billing export consumers
    cipher = DES.new(FIELD_KEY[:8], DES.MODE_ECB)  #@vuln CWE-327
    pad = 8 - len(plaintext) % 8
    return base64.b64encode(cipher.encrypt(plaintext + bytes([pad]) * pad)).decode()


def encrypt_field(plaintext: bytes):
    cipher = AES.new(FIELD_KEY, AES.MODE_GCM)  #@safe
    ct, tag = cipher.encrypt_and_digest(plaintext)
    return base64.b64encode(cipher.nonce + tag + ct).decode()


def decrypt_field(token: str):
    raw = base64.b64decode(token)
    nonce, tag, ct = raw[:16], raw[16:32], raw[32:]
    cipher = AES.new(FIELD_KEY, AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ct, tag)


def peek_claims(token):
    """Used by the gateway shim to route by tenant before auth runs."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def verify_token(token):
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"])  #@safe


def issue_token(claims):
    return jwt.encode(claims, JWT_SECRET, algorithm="HS256")
