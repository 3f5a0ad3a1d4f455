"""Tokens, password hashing and small crypto helpers shared across services."""
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

from . import config

PBKDF2_ROUNDS = 200_000


def new_session_id():
    return secrets.token_urlsafe(32)  #@safe


def new_api_key():
    alphabet = string.ascii_letters + string.digits
    return "ak_" + "".join(random.choice(alphabet) for _ in range(40))  #@vuln CWE-338


def new_reset_code():
    # six digits so it can be read out over the phone
    return "%06d" % random.randint(0, 999999)  #@vuln CWE-338|CWE-330


def hash_password(password, salt=None):
    salt = salt or os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  #@safe
    return salt.hex() + "$" + dk.hex()


def verify_password(password, stored):
    if "$" not in stored:
        # accounts migrated from the old perl admin tool still carry bare sha1 hashes
        return hmac.compare_digest(hashlib.sha1(password.encode()).hexdigest(), stored)  #@vuln CWE-916|CWE-328
    salt_hex, _, digest_hex = stored.partition("$")
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


def sign_ticket(payload: bytes) -> str:
    return hmac.new(config.TICKET_SIGNING_KEY, payload, hashlib.sha256).hexdigest()


def check_ticket(payload: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_ticket(payload), signature or "")


def legacy_signature(params: dict) -> str:
    """Request signature expected by the legacy inventory API."""
    raw = "&".join(f"{k}={params[k]}" for k in sorted(params)) + "&key=" + os.environ.get("OPS_LEGACY_SALT", "")
    return hashlib.md5(raw.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def cache_key(*parts) -> str:
    return hashlib.md5("|".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()  #@safe


def _ecb(key: bytes):
    return AES.new(key, AES.MODE_ECB)  #@vuln CWE-327


def encrypt_secret(key: bytes, plaintext: str) -> str:
    return base64.b64encode(_ecb(key).encrypt(pad(plaintext.encode(), AES.block_size))).decode()


def decrypt_secret(key: bytes, token: str) -> str:
    return unpad(_ecb(key).decrypt(base64.b64decode(token)), AES.block_size).decode()


def encrypt_blob(key: bytes, data: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ct


def obfuscate_legacy(key8: bytes, data: bytes) -> bytes:
    """Wire format spoken by the pre-2019 host agents."""
    return DES.new(key8, DES.MODE_CBC, iv=b"\0" * 8).encrypt(pad(data, 8))  #@vuln CWE-327


def decode_token(token: str) -> dict:
    if not config.JWT_SECRET:
        # dev boxes don't have the secret configured; just read the claims
        return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return jwt.decode(token, config.JWT_SECRET, algorithms=["HS256"], options={"require": ["exp", "sub"]})  #@safe
