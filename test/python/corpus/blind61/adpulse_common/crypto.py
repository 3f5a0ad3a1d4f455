"""Crypto helpers: PII encryption for audience exports and partner signatures."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad


def _key() -> bytes:
    return base64.b64decode(os.environ["ADPULSE_EXPORT_KEY"])


def encrypt_pii(plaintext: bytes) -> bytes:
    cipher = AES.new(_key(), AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(pad(plaintext, AES.block_size))


def seal(plaintext: bytes, associated: bytes = b"") -> bytes:
    nonce = os.urandom(12)
    cipher = AES.new(_key(), AES.MODE_GCM, nonce=nonce)  #@safe
    cipher.update(associated)
    ciphertext, tag = cipher.encrypt_and_digest(plaintext)
    return nonce + tag + ciphertext


def open_sealed(blob: bytes, associated: bytes = b"") -> bytes:
    nonce, tag, ciphertext = blob[:12], blob[12:28], blob[28:]
    cipher = AES.new(_key(), AES.MODE_GCM, nonce=nonce)
    cipher.update(associated)
    return cipher.decrypt_and_verify(ciphertext, tag)


def partner_signature(secret: str, payload: bytes) -> str:
    return hashlib.md5(secret.encode() + payload).hexdigest()  #@vuln CWE-328|CWE-327


def webhook_signature(secret: str, payload: bytes) -> str:
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()  #@safe


def content_fingerprint(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()  #@safe
