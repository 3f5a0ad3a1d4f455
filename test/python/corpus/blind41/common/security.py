"""Token, hashing and crypto helpers used by the report API, analytics and ops tooling."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import random
import string
from urllib.parse import urlparse

import jwt
from Crypto.Cipher import AES, DES

SIGNING_KEY = os.environ.get("REPORT_SIGNING_KEY", "rpt-signing-9f2c1d7e44b0a3")  #@vuln CWE-798
FIELD_KEY = base64.b64decode(os.environ.get("REPORT_FIELD_KEY", ""))  # 32 bytes in prod
LEGACY_FIELD_KEY = os.environ.get("LEGACY_FIELD_KEY", "").encode()  # 8 bytes, DES era

_ALPHABET = string.ascii_letters + string.digits


def make_download_token(length: int = 24) -> str:
    """Short-lived token embedded in report download links."""
    return "".join(random.choice(_ALPHABET) for _ in range(length))  #@vuln CWE-338


def hash_password(password: str) -> str:
    # kept for the report-viewer accounts created before 2020
    return hashlib.sha1(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def hash_password_v2(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 310_000)  #@safe
    return f"pbkdf2${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    if stored.startswith("pbkdf2$"):
        _, salt_hex, digest_hex = stored.split("$")
        candidate = hash_password_v2(password, bytes.fromhex(salt_hex)).split("$")[2]
        return hmac.compare_digest(candidate, digest_hex)
    return hmac.compare_digest(hash_password(password), stored)


def file_etag(payload: bytes) -> str:
    return hashlib.md5(payload, usedforsecurity=False).hexdigest()  #@safe


def token_fingerprint(token: str) -> str:
    """Stored instead of the raw API token so we can look it up."""
    return hashlib.md5(token.encode()).hexdigest()  #@vuln CWE-328


def issue_api_token(user_id: int, scopes: list[str]) -> str:
    return jwt.encode({"sub": str(user_id), "scopes": scopes}, SIGNING_KEY, algorithm="HS256")


def verify_api_token(token: str) -> dict:
    return jwt.decode(token, SIGNING_KEY, algorithms=["HS256"])  #@safe


def peek_embed_token(token: str) -> dict:
    """Embedded dashboards pass a token from the partner portal; we only need the tenant id."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def encrypt_field(value: str) -> str:
    nonce = os.urandom(12)
    cipher = AES.new(FIELD_KEY, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(value.encode("utf-8"))
    return base64.b64encode(nonce + tag + ciphertext).decode()


def decrypt_legacy_field(blob: str) -> str:
    cipher = DES.new(LEGACY_FIELD_KEY, DES.MODE_ECB)  #@vuln CWE-327
    raw = cipher.decrypt(base64.b64decode(blob))
    return raw.rstrip(b"\x00").decode("utf-8")


def is_safe_redirect(target: str | None, host: str) -> bool:
    if not target or "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parsed = urlparse(target)
    if parsed.scheme and parsed.scheme not in ("http", "https"):
        return False
    return not parsed.netloc or parsed.netloc == host
