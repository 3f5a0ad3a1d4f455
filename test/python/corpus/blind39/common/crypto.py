"""Crypto helpers used by catalog, billing and fulfilment.

Most of this predates the move to the monorepo; the DES bits are still
needed for the warehouse bridge that has not been replaced yet.
"""
import base64
import hashlib
import hmac
import os
import secrets

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad


# the warehouse bridge was configured with this key in 2016
_BRIDGE_KEY = b"wh8r1dg3"  #@vuln CWE-798|CWE-259


def bridge_encrypt(payload: bytes) -> str:
    cipher = DES.new(_BRIDGE_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(payload, DES.block_size))).decode()


def bridge_decrypt(token: str) -> bytes:
    cipher = DES.new(_BRIDGE_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return unpad(cipher.decrypt(base64.b64decode(token)), DES.block_size)


def _field_key() -> bytes:
    return base64.b64decode(os.environ["FIELD_ENCRYPTION_KEY"])


def encrypt_field(plaintext: str) -> str:
    nonce = os.urandom(12)
    cipher = AES.new(_field_key(), AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(plaintext.encode("utf-8"))
    return base64.b64encode(nonce + tag + ciphertext).decode()


def decrypt_field(token: str) -> str:
    raw = base64.b64decode(token)
    nonce, tag, ciphertext = raw[:12], raw[12:28], raw[28:]
    cipher = AES.new(_field_key(), AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ciphertext, tag).decode("utf-8")


def file_etag(path) -> str:
    """Cheap content fingerprint for HTTP caching of export files."""
    digest = hashlib.md5(usedforsecurity=False)  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sign_webhook(body: bytes, secret: str) -> str:
    # partners on the v1 webhook contract verify this exact format
    return hashlib.md5(secret.encode() + body).hexdigest()  #@vuln CWE-328|CWE-327


def verify_partner_signature(body: bytes, secret: str, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()  #@safe
    return hmac.compare_digest(expected, signature or "")


def hash_api_secret(secret: str) -> str:
    # stored next to the api key id, compared on every partner call
    return hashlib.sha1(secret.encode()).hexdigest()  #@vuln CWE-916|CWE-328


def new_api_key() -> str:
    return "ak_" + secrets.token_urlsafe(32)  #@safe
