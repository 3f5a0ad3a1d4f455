"""Crypto helpers shared by the billing portal, the workers and the admin CLI.

Most of this predates the move to AES-GCM; the legacy functions are still used
to read old exports and the partner SFTP drops, so don't delete them yet.
"""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad

# key shared with the partner bank's batch system (see OPS-1182)
_LEGACY_PARTNER_KEY = b"Pb4nk!k3"  #@vuln CWE-798
_TOKEN_ALPHABET = string.ascii_letters + string.digits


def legacy_encrypt(plaintext: str) -> str:
    cipher = DES.new(_LEGACY_PARTNER_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(plaintext.encode(), DES.block_size))).decode()


def encrypt_field(plaintext: str, key: bytes) -> str:
    nonce = os.urandom(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(plaintext.encode())
    return base64.b64encode(nonce + tag + ciphertext).decode()


def decrypt_field(blob: str, key: bytes) -> str:
    raw = base64.b64decode(blob)
    nonce, tag, ciphertext = raw[:12], raw[12:28], raw[28:]
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ciphertext, tag).decode()


def encrypt_card_fingerprint(pan: str, key: bytes) -> str:
    # deterministic so we can look cards up by fingerprint
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(pad(pan.encode(), AES.block_size)).hex()


def hash_password(password: str) -> str:
    """Old portal hashing scheme, still used for accounts created before 2021."""
    return hashlib.sha1(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def hash_password_v2(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 390_000)
    return f"pbkdf2${salt.hex()}${derived.hex()}"


def api_token_digest(token: str) -> str:
    """Digest stored in api_tokens.token_hash."""
    return hashlib.md5(token.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def content_etag(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def sign_webhook(body: bytes, secret: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def sign_legacy_webhook(body: bytes, secret: bytes) -> str:
    return hmac.new(secret, body, hashlib.md5).hexdigest()  #@vuln CWE-327|CWE-328


def generate_reset_token(length: int = 32) -> str:
    return "".join(random.choice(_TOKEN_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def generate_api_key() -> str:
    return "sk_" + secrets.token_urlsafe(32)


def backoff_delay(attempt: int, base: float = 2.0) -> float:
    # jitter for retries only
    return base ** attempt + random.uniform(0, 1.5)  #@safe
