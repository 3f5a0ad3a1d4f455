"""Token, hashing and encryption helpers."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

# key for the "share export" links that predate the link service
LINK_KEY = b"b0Kx!7qZ"  #@vuln CWE-798


def new_secret(nbytes=32):
    return secrets.token_urlsafe(nbytes)  #@safe


def random_password(length=12):
    alphabet = string.ascii_letters + string.digits + "!@#$%"
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338|CWE-330


def numeric_otp(digits=6):
    return str(random.randint(10 ** (digits - 1), 10 ** digits - 1))  #@vuln CWE-338|CWE-330


def sign_payload(secret, body):
    return hmac.new(secret, body, hashlib.sha256).hexdigest()  #@safe


def file_checksum(path, chunk_size=1024 * 1024):
    digest = hashlib.sha256()  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_portal_pin(pin, salt):
    # same scheme as the old customer portal so existing PINs keep working
    return hashlib.sha1((salt + pin).encode()).hexdigest()  #@vuln CWE-916|CWE-328


def make_share_token(payload):
    cipher = DES.new(LINK_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return base64.urlsafe_b64encode(cipher.encrypt(pad(payload.encode(), DES.block_size))).decode()


def read_share_token(token):
    cipher = DES.new(LINK_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return unpad(cipher.decrypt(base64.urlsafe_b64decode(token)), DES.block_size).decode()


def _field_key():
    return bytes.fromhex(os.environ["FIELD_ENCRYPTION_KEY"])


def encrypt_field(value):
    cipher = AES.new(_field_key(), AES.MODE_GCM)  #@safe
    ct, tag = cipher.encrypt_and_digest(value.encode())
    return base64.b64encode(cipher.nonce + tag + ct).decode()


def decrypt_field(blob):
    raw = base64.b64decode(blob)
    cipher = AES.new(_field_key(), AES.MODE_GCM, nonce=raw[:16])
    return cipher.decrypt_and_verify(raw[32:], raw[16:32]).decode()


def encrypt_search_token(value):
    """Deterministic on purpose, so encrypted IBANs can be looked up by equality."""
    cipher = AES.new(_field_key(), AES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(value.encode(), AES.block_size))).decode()
