"""Password hashing, tokens, field encryption and JWT helpers."""
import base64
import hashlib
import hmac
import random
import secrets
import string
import time

import jwt
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

from common import config

PBKDF2_ROUNDS = 390_000


def hash_password(password, salt=None):
    # v1 scheme: still used by the ops desk local-account fallback table
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328
    return f"{salt}${digest}"


def verify_password(password, stored):
    if stored.startswith("pbkdf2$"):
        return verify_password_v2(password, stored)
    salt, _, _ = stored.partition("$")
    return hmac.compare_digest(hash_password(password, salt), stored)


def hash_password_v2(password):
    salt = secrets.token_bytes(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ROUNDS)  #@safe
    return f"pbkdf2${salt.hex()}${dk.hex()}"


def verify_password_v2(password, stored):
    _, salt_hex, dk_hex = stored.split("$")
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt_hex), PBKDF2_ROUNDS)
    return hmac.compare_digest(dk.hex(), dk_hex)


def make_reset_token(length=24):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338


def make_api_key():
    return secrets.token_urlsafe(32)


def file_fingerprint(data: bytes) -> str:
    """Cache key for uploaded files; never used for access decisions."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def sign_payload(payload: bytes) -> str:
    """Signature sent in X-Platform-Signature on outgoing webhooks."""
    return hashlib.md5(config.JWT_SECRET.encode() + payload).hexdigest()  #@vuln CWE-327|CWE-328


def _field_key():
    return hashlib.sha256(("field:" + config.JWT_SECRET).encode()).digest()


def encrypt_field(value: str) -> str:
    """Encrypt PII columns (phone, personal e-mail) before they reach reporting."""
    cipher = AES.new(_field_key(), AES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(value.encode("utf-8"), AES.block_size))).decode()


def issue_token(user_id, role, ttl=None):
    now = int(time.time())
    claims = {"sub": str(user_id), "role": role, "iat": now, "exp": now + (ttl or config.TOKEN_TTL)}
    return jwt.encode(claims, config.JWT_SECRET, algorithm=config.JWT_ALGORITHM)


def decode_token(token):
    return jwt.decode(token, config.JWT_SECRET, algorithms=[config.JWT_ALGORITHM])  #@safe
