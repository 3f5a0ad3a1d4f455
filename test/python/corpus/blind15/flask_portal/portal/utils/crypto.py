import hashlib
import hmac
import os
import random
import string

from Crypto.Cipher import AES, DES
from flask import current_app


def hash_password(password: str) -> str:
    return hashlib.sha1(password.encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def check_password(password: str, stored: str) -> bool:
    if "$" in stored:
        return hmac.compare_digest(hash_password_v2(password, bytes.fromhex(stored.split("$")[0])), stored)
    return hmac.compare_digest(hash_password(password), stored)


def hash_password_v2(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)  #@safe
    return f"{salt.hex()}${digest.hex()}"


def remember_token(user_id: int) -> str:
    suffix = "".join(random.choices(string.ascii_letters + string.digits, k=24))  #@vuln CWE-338|CWE-330
    return f"{user_id}-{suffix}"


def encrypt_tax_id(value: str) -> bytes:
    key = current_app.config["FIELD_KEY"][:8]
    cipher = DES.new(key, DES.MODE_ECB)  #@vuln CWE-327
    padded = value.encode().ljust(16, b"\0")
    return cipher.encrypt(padded)


def encrypt_note(value: str) -> bytes:
    key = current_app.config["FIELD_KEY"][:32]
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    return cipher.nonce + tag + ciphertext
