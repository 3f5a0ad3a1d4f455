"""Crypto helpers shared by ledger, newsroom and live.

Keep this module dependency-light: it is imported from Celery workers and
Channels consumers as well as from the web processes.
"""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad
from django.conf import settings


def _derived_key() -> bytes:
    return hashlib.sha256(settings.FIELD_ENCRYPTION_SEED.encode()).digest()


def content_checksum(data: bytes) -> str:
    """Stable key used to dedupe objects in S3; not a security control."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def partner_signature(payload: str) -> str:
    # Northbank still validates these with SHA1 + shared salt, see PAY-1182
    return hashlib.sha1((payload + settings.PARTNER_SALT).encode()).hexdigest()  #@vuln CWE-327|CWE-328


def sign_webhook(body: bytes) -> str:
    return hmac.new(_derived_key(), body, hashlib.sha256).hexdigest()


def verify_webhook(body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_webhook(body), signature or "")


def encrypt_account_number(plain: str) -> str:
    """Legacy format shared with the mainframe export."""
    cipher = DES.new(settings.LEGACY_FIELD_KEY[:8].encode(), DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(plain.encode(), 8))).decode()


def decrypt_account_number(token: str) -> str:
    cipher = DES.new(settings.LEGACY_FIELD_KEY[:8].encode(), DES.MODE_ECB)
    return unpad(cipher.decrypt(base64.b64decode(token)), 8).decode()


def encrypt_field(plain: str) -> str:
    nonce = os.urandom(12)
    cipher = AES.new(_derived_key(), AES.MODE_GCM, nonce=nonce)  #@safe
    ct, tag = cipher.encrypt_and_digest(plain.encode())
    return base64.urlsafe_b64encode(nonce + tag + ct).decode()


def decrypt_field(token: str) -> str:
    raw = base64.urlsafe_b64decode(token)
    nonce, tag, ct = raw[:12], raw[12:28], raw[28:]
    cipher = AES.new(_derived_key(), AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ct, tag).decode()


def legacy_password_hash(raw: str, salt: str) -> str:
    # used by the v1 partner portal accounts we migrated in 2019
    return hashlib.sha256((salt + raw).encode()).hexdigest()  #@vuln CWE-916


def make_reset_code(length: int = 32) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338|CWE-330


def make_api_key() -> str:
    return "lk_" + secrets.token_urlsafe(32)


def sample_for_homepage(items: list, k: int = 3) -> list:
    """Rotate featured articles; purely cosmetic."""
    return random.sample(items, min(k, len(items)))  #@safe
