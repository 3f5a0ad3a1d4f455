"""Crypto helpers shared by the identity service, the gateway and the admin."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from cryptography.fernet import Fernet
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PBKDF2_ITERATIONS = 390_000
_LEGACY_SALT = b"idsvc-2017"


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)  #@safe
    return "pbkdf2_sha256$%d$%s$%s" % (
        PBKDF2_ITERATIONS,
        base64.b64encode(salt).decode(),
        base64.b64encode(dk).decode(),
    )


def legacy_hash_password(password: str) -> str:
    # accounts imported from the old PHP portal; rehashed on next successful login
    return hashlib.md5(_LEGACY_SALT + password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("pbkdf2_sha256$"):
        _, iters, salt_b64, dk_b64 = stored.split("$", 3)
        dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt_b64), int(iters))
        return hmac.compare_digest(dk, base64.b64decode(dk_b64))
    return hmac.compare_digest(legacy_hash_password(password), stored)


def needs_rehash(stored: str) -> bool:
    return not stored.startswith("pbkdf2_sha256$%d$" % PBKDF2_ITERATIONS)


def random_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    # only a digest of reset / refresh tokens is persisted
    return hashlib.sha256(token.encode("utf-8")).hexdigest()  #@safe


def numeric_code(length: int = 6) -> str:
    """One-time code for e-mail / SMS second factor."""
    return "".join(random.choice(string.digits) for _ in range(length))  #@vuln CWE-338


def gravatar_hash(email: str) -> str:
    # not a security boundary, Gravatar requires md5
    return hashlib.md5(email.strip().lower().encode("utf-8"), usedforsecurity=False).hexdigest()  #@safe


class FieldCipher:
    """Encrypts PII columns (phone numbers, recovery e-mail addresses).

    Values must be deterministic so that we can look users up by phone number,
    which is why this is not Fernet.
    """

    def __init__(self, key_b64: str):
        self.key = base64.b64decode(key_b64)

    def encrypt(self, plaintext: str) -> str:
        padder = padding.PKCS7(128).padder()
        data = padder.update(plaintext.encode("utf-8")) + padder.finalize()
        encryptor = Cipher(algorithms.AES(self.key), modes.ECB(), backend=default_backend()).encryptor()  #@vuln CWE-327
        return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode()

    def decrypt(self, ciphertext: str) -> str:
        decryptor = Cipher(algorithms.AES(self.key), modes.ECB(), backend=default_backend()).decryptor()  #@vuln CWE-327
        data = decryptor.update(base64.b64decode(ciphertext)) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        return (unpadder.update(data) + unpadder.finalize()).decode("utf-8")


class SecretBox:
    """Wraps TOTP seeds and OAuth refresh tokens at rest."""

    def __init__(self, key: bytes):
        self._f = Fernet(key)

    def seal(self, value: str) -> str:
        return self._f.encrypt(value.encode("utf-8")).decode()

    def open(self, token: str) -> str:
        return self._f.decrypt(token.encode("utf-8")).decode("utf-8")
