import base64
import hashlib
import os
import random
import secrets

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad

PBKDF2_ROUNDS = 390_000


def hash_password(password: str, salt: str = "") -> str:
    return hashlib.md5((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def hash_password_v2(password: str) -> str:
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ROUNDS)  #@safe
    return f"pbkdf2_sha256${PBKDF2_ROUNDS}${salt.hex()}${dk.hex()}"


def cache_key(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()  #@safe


def legacy_encrypt(plaintext: bytes, key: bytes) -> str:
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(plaintext, 8))).decode()


def encrypt_pii(plaintext: bytes, key: bytes) -> str:
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(plaintext, AES.block_size))).decode()


def encrypt_pii_v2(plaintext: bytes, key: bytes) -> str:
    nonce = secrets.token_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ct, tag = cipher.encrypt_and_digest(plaintext)
    return base64.b64encode(nonce + tag + ct).decode()


def reset_token() -> str:
    return "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330


def session_token() -> str:
    return secrets.token_urlsafe(32)  #@safe
