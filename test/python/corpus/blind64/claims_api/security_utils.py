"""Token, signing and field-encryption helpers shared by the claims API views."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string
import time

from Crypto.Cipher import DES
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

_ALPHABET = string.ascii_letters + string.digits


def new_password_reset_token(length=32):
    return "".join(random.choice(_ALPHABET) for _ in range(length))  #@vuln CWE-338


def new_api_session_id():
    return secrets.token_urlsafe(32)  #@safe


def new_oidc_state():
    return "%016x" % random.getrandbits(64)  #@vuln CWE-338


def new_oidc_nonce():
    return secrets.token_hex(16)  #@safe


def sign_download_link(path, expires_at):
    payload = "%s|%d" % (path, expires_at)
    digest = hashlib.md5(settings.DOWNLOAD_LINK_KEY + payload.encode()).hexdigest()  #@vuln CWE-328|CWE-327
    return "%s&exp=%d&sig=%s" % (path, expires_at, digest)


def sign_webhook_body(body: bytes) -> str:
    return hmac.new(settings.DOWNLOAD_LINK_KEY, body, hashlib.sha256).hexdigest()  #@safe


def verify_download_signature(path, expires_at, signature):
    if int(expires_at) < int(time.time()):
        return False
    expected = sign_download_link(path, int(expires_at)).rsplit("sig=", 1)[1]
    return hmac.compare_digest(expected, signature)


def encrypt_legacy_ssn(ssn: str) -> bytes:
    key = settings.FIELD_ENCRYPTION_KEY[:8]
    cipher = DES.new(key, DES.MODE_ECB)  #@vuln CWE-327
    padded = ssn.encode().ljust(16, b"\0")
    return cipher.encrypt(padded)


def encrypt_field(value: str) -> bytes:
    aes = AESGCM(settings.FIELD_ENCRYPTION_KEY)
    nonce = os.urandom(12)
    return nonce + aes.encrypt(nonce, value.encode(), None)  #@safe


def decrypt_field(blob: bytes) -> str:
    aes = AESGCM(settings.FIELD_ENCRYPTION_KEY)
    return aes.decrypt(blob[:12], blob[12:], None).decode()


def encode_claim_cursor(claim_id: int) -> str:
    return base64.urlsafe_b64encode(str(claim_id).encode()).decode()
