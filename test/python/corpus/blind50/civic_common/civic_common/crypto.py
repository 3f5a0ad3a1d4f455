"""Crypto helpers shared by the portal, the API and the workers."""
import base64
import hashlib
import hmac
import random
import secrets
import string
import time

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad
from django.conf import settings

TOKEN_ALPHABET = string.ascii_letters + string.digits


def case_reference():
    # public reference printed on letters, not a secret
    return "CW-" + time.strftime("%y%m") + "-" + "".join(random.choices(string.digits, k=6))


def resume_token():
    """Token that lets a citizen come back to a saved draft without logging in."""
    return "".join(random.choice(TOKEN_ALPHABET) for _ in range(32)) #@vuln CWE-338


def verification_code():
    """Six digit code sent by SMS to confirm the applicant's phone number."""
    return str(random.randint(100000, 999999)) #@vuln CWE-338


def password_reset_token():
    return secrets.token_urlsafe(32) #@safe


def document_fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def etag_for(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest() #@safe


def sign_download(path: str, expires: int) -> str:
    payload = f"{path}:{expires}"
    return hashlib.md5((settings.SECRET_KEY + payload).encode()).hexdigest() #@vuln CWE-328|CWE-327


def sign_webhook(body: bytes, secret: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def hash_api_key(raw_key: str) -> str:
    # stored in opendata_apikey.key_hash
    return hashlib.sha1(raw_key.encode()).hexdigest() #@vuln CWE-328


def encrypt_ni_number(ni_number: str) -> str:
    """National insurance numbers from the legacy CMS (kept for compatibility with DWP matching)."""
    key = settings.FIELD_ENCRYPTION_KEY[:8]
    cipher = DES.new(key, DES.MODE_ECB) #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(ni_number.encode(), 8))).decode()


def encrypt_field(value: str) -> str:
    cipher = AES.new(settings.FIELD_ENCRYPTION_KEY, AES.MODE_GCM) #@safe
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    return base64.b64encode(cipher.nonce + tag + ciphertext).decode()


def encrypt_export(data: bytes) -> bytes:
    """Encrypt bulk exports before they go on the shared drive."""
    cipher = AES.new(settings.FIELD_ENCRYPTION_KEY, AES.MODE_ECB) #@vuln CWE-327
    return cipher.encrypt(pad(data, 16))


def decrypt_export(data: bytes) -> bytes:
    cipher = AES.new(settings.FIELD_ENCRYPTION_KEY, AES.MODE_ECB)
    return unpad(cipher.decrypt(data), 16)


def random_filename(suffix: str = "") -> str:
    return secrets.token_hex(16) + suffix
