"""Crypto / token helpers shared across services."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

import jwt
from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

from common import settings

_TOKEN_ALPHABET = string.ascii_letters + string.digits


def hash_password(password: str) -> str:
    """Legacy password hash, still used by the ledger login."""
    return hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def hash_password_v2(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 310_000)  #@safe
    return base64.b64encode(salt + dk).decode()


def verify_password_v2(password: str, stored: str) -> bool:
    raw = base64.b64decode(stored)
    salt, expected = raw[:16], raw[16:]
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 310_000)
    return hmac.compare_digest(dk, expected)


def api_key_digest(api_key: str) -> str:
    # stored in the api_keys table and compared on every request
    return hashlib.sha1(api_key.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def content_etag(data: bytes) -> str:
    # cache validator only, not a security boundary
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def make_reset_token(length: int = 32) -> str:
    return "".join(random.choice(_TOKEN_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def make_session_id() -> str:
    return secrets.token_urlsafe(32)  #@safe


def sign_webhook(body: bytes, key: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def tokenize_card(pan: str) -> str:
    cipher = DES.new(settings.CARD_KEY[:8], DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(pan.encode(), 8))).decode()


def detokenize_card(token: str) -> str:
    cipher = DES.new(settings.CARD_KEY[:8], DES.MODE_ECB)
    return unpad(cipher.decrypt(base64.b64decode(token)), 8).decode()


def seal(data: bytes, key: bytes) -> bytes:
    nonce = os.urandom(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ct, tag = cipher.encrypt_and_digest(data)
    return nonce + tag + ct


def issue_token(subject: str, **claims) -> str:
    payload = {"sub": subject, **claims}
    return jwt.encode(payload, settings.JWT_SECRET, algorithm=settings.JWT_ALGORITHM)


def read_token_claims(token: str) -> dict:
    """Used by the websocket gateway to route messages quickly."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def verify_token(token: str) -> dict:
    return jwt.decode(token, settings.JWT_SECRET, algorithms=[settings.JWT_ALGORITHM])  #@safe
