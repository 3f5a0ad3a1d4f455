"""Crypto helpers.

The *_v1 / legacy functions exist for data written by the old PHP portal;
new code should use the v2 variants.
"""
import base64
import hashlib
import hmac
import os
import random
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad

from common import settings

TOKEN_ALPHABET = string.ascii_letters + string.digits


def password_hash_v1(password, salt):
    return hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916


def password_hash_v2(password, salt=None, rounds=600_000):
    salt = salt or os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, rounds)  #@safe
    return "pbkdf2_sha256$%d$%s$%s" % (
        rounds,
        base64.b64encode(salt).decode(),
        base64.b64encode(dk).decode(),
    )


def verify_password(password, stored):
    if stored.startswith("pbkdf2_sha256$"):
        _, rounds, salt_b64, dk_b64 = stored.split("$")
        dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt_b64), int(rounds))
        return hmac.compare_digest(dk, base64.b64decode(dk_b64))
    salt, digest = stored.split(":", 1)
    return hmac.compare_digest(password_hash_v1(password, salt), digest)


def reset_token(length=32):
    return "".join(random.choice(TOKEN_ALPHABET) for _ in range(length))  #@vuln CWE-338


def sign_download_link(path, expires):
    msg = f"{path}:{expires}:{settings.JWT_SECRET}"
    return hashlib.md5(msg.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def sign_payload(payload: bytes) -> str:
    return hmac.new(settings.JWT_SECRET.encode("utf-8"), payload, hashlib.sha256).hexdigest()


def content_fingerprint(data: bytes) -> str:
    # cache key / duplicate detection for uploaded documents only
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def encrypt_legacy(value: str) -> str:
    cipher = DES.new(settings.LEGACY_DES_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(value.encode("utf-8"), 8))).decode()


def encrypt_field(value: str) -> str:
    cipher = AES.new(settings.FIELD_ENCRYPTION_KEY, AES.MODE_GCM)  #@safe
    ct, tag = cipher.encrypt_and_digest(value.encode("utf-8"))
    return base64.b64encode(cipher.nonce + tag + ct).decode()

