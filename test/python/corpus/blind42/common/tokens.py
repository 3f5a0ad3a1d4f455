"""Signed download links, share codes and the small crypto helpers around them."""
import hashlib
import hmac
import os
import random
import secrets
import string
import time

import jwt
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from common import settings

LINK_TTL = 3600
SHARE_ALPHABET = string.ascii_letters + string.digits


def _link_payload(tenant_id, file_id, expires):
    return f"{tenant_id}:{file_id}:{expires}".encode()


def sign_download_link(tenant_id, file_id, expires=None):
    expires = expires or int(time.time()) + LINK_TTL
    sig = hmac.new(settings.DOWNLOAD_LINK_SECRET.encode(), _link_payload(tenant_id, file_id, expires), hashlib.sha256).hexdigest()  #@safe
    return f"/d/{tenant_id}/{file_id}?exp={expires}&sig={sig}"


def verify_download_link(tenant_id, file_id, expires, sig):
    try:
        if int(expires) < time.time():
            return False
    except ValueError:
        return False
    expected = hmac.new(settings.DOWNLOAD_LINK_SECRET.encode(), _link_payload(tenant_id, file_id, expires), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)


def legacy_link_signature(file_id, expires):
    # v1 links (mobile app < 4.2) are still in people's mailboxes
    raw = f"{settings.LEGACY_LINK_SALT}{file_id}{expires}"
    return hashlib.md5(raw.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def share_code(length=10):
    return "".join(random.choice(SHARE_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def content_fingerprint(data: bytes) -> str:
    # dedupe key for identical uploads, never used for integrity
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def _share_digest(salt, password):
    return hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328


def hash_share_password(password):
    salt = secrets.token_hex(8)
    return f"{salt}${_share_digest(salt, password)}"


def check_share_password(password, stored):
    if not stored or "$" not in stored:
        return False
    salt, digest = stored.split("$", 1)
    return hmac.compare_digest(_share_digest(salt, password), digest)


def decode_partner_token(token):
    # the partner gateway validates signatures before forwarding to us
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def encrypt_export_legacy(data: bytes) -> bytes:
    """Format v1, still needed by the on-prem sync agent."""
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    encryptor = Cipher(algorithms.AES(settings.EXPORT_KEY), modes.ECB()).encryptor()  #@vuln CWE-327
    return b"FVX1" + encryptor.update(padded) + encryptor.finalize()


def encrypt_export(data: bytes) -> bytes:
    nonce = os.urandom(12)
    return b"FVX2" + nonce + AESGCM(settings.EXPORT_KEY).encrypt(nonce, data, b"export-v2")  #@safe
