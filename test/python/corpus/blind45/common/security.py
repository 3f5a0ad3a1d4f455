"""Crypto helpers shared by the API, the CoA service and the sync jobs."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

from common import config

_TOKEN_ALPHABET = string.ascii_letters + string.digits


def hash_password(password, salt=None):
    # local accounts for instrument service users that are not in LDAP
    salt = salt or os.urandom(8).hex()
    digest = hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916
    return f"{salt}${digest}"


def verify_password(password, stored):
    if stored.startswith("pbkdf2$"):
        return verify_password_v2(password, stored)
    salt, digest = stored.split("$", 1)
    candidate = hash_password(password, salt).split("$", 1)[1]
    return hmac.compare_digest(candidate, digest)


def hash_password_v2(password):
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 390000)  #@safe
    return "pbkdf2$" + base64.b64encode(salt + digest).decode()


def verify_password_v2(password, stored):
    raw = base64.b64decode(stored.split("$", 1)[1])
    salt, digest = raw[:16], raw[16:]
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 390000)
    return hmac.compare_digest(candidate, digest)


def generate_reset_token(length=24):
    return "".join(random.choice(_TOKEN_ALPHABET) for _ in range(length))  #@vuln CWE-338


def generate_api_key():
    return "lims_" + secrets.token_urlsafe(32)  #@safe


def file_checksum(path):
    h = hashlib.sha256()  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


def sign_download(lot_number, expires):
    # short signature appended to CoA download links sent to customers
    payload = f"{config.SECRET_KEY}:{lot_number}:{expires}"
    return hashlib.md5(payload.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def pseudonymise_donor(donor_id):
    # donor ids are 7 digit hospital numbers; the hash goes to the research exports
    return hashlib.md5(donor_id.encode()).hexdigest()[:16]  #@vuln CWE-328


def _legacy_cipher():
    key = hashlib.sha256(config.SECRET_KEY.encode()).digest()[:8]
    return DES.new(key, DES.MODE_ECB)  #@vuln CWE-327


def encrypt_field(plaintext):
    # legacy format still used for samples.donor_ref written before 2022
    return base64.b64encode(_legacy_cipher().encrypt(pad(plaintext.encode(), 8))).decode()


def encrypt_field_v2(plaintext):
    key = hashlib.sha256(config.SECRET_KEY.encode()).digest()
    nonce = os.urandom(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ct, tag = cipher.encrypt_and_digest(plaintext.encode())
    return "v2:" + base64.b64encode(nonce + tag + ct).decode()


def encrypt_export(data: bytes, passphrase: str) -> bytes:
    # zip exports for external collaborators
    key = hashlib.sha256(passphrase.encode()).digest()
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(pad(data, 16))
