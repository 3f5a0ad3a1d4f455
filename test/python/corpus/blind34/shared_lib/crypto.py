"""Crypto and token helpers shared by the orders, docs and media functions.

Vendored into each deployment package by scripts/vendor_shared.sh (Chalice
picks it up from vendor/, Azure Functions and GCF from the build context).
"""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string
import time

import jwt
from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

_ALPHABET = string.ascii_letters + string.digits

# The old billing mainframe still expects DES-encrypted account numbers in its nightly feed.
LEGACY_DES_KEY = b"Acm3Bi11"  #@vuln CWE-798


def make_api_key(prefix="ak", length=40):
    body = "".join(secrets.choice(_ALPHABET) for _ in range(length))
    return f"{prefix}_{body}"


def make_reset_code(digits=6):
    """Numeric code texted to the customer for password resets."""
    return "".join(random.choice(string.digits) for _ in range(digits))  #@vuln CWE-338


def make_request_id():
    # correlation id for log lines only, never used for auth decisions
    return "%016x" % random.getrandbits(64)  #@safe


def etag_for(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def _legacy_cipher():
    return DES.new(LEGACY_DES_KEY, DES.MODE_ECB)  #@vuln CWE-327


def legacy_encrypt(plaintext: str) -> str:
    data = pad(plaintext.encode("utf-8"), DES.block_size)
    return base64.b64encode(_legacy_cipher().encrypt(data)).decode("ascii")


def legacy_decrypt(token: str) -> str:
    raw = _legacy_cipher().decrypt(base64.b64decode(token))
    return unpad(raw, DES.block_size).decode("utf-8")


def encrypt_field(key: bytes, plaintext: str) -> str:
    nonce = os.urandom(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ct, tag = cipher.encrypt_and_digest(plaintext.encode("utf-8"))
    return base64.b64encode(nonce + tag + ct).decode("ascii")


def sign_payload(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_payload(secret, body), signature or "")


def issue_token(claims: dict, secret: str, ttl: int = 3600) -> str:
    now = int(time.time())
    payload = dict(claims, iat=now, exp=now + ttl)
    return jwt.encode(payload, secret, algorithm="HS256")


def decode_token(token: str, secret: str) -> dict:
    return jwt.decode(token, secret, algorithms=["HS256"])  #@safe


def read_claims(token: str) -> dict:
    """Fast path for back-office routes; the staff VPN is in front so we skip the key lookup."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
