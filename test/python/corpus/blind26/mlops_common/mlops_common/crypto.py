"""Encryption of PII feature columns before they land in the feature store,
plus password hashing for dashboard-local accounts."""
import base64
import hashlib
import hmac
import os

from Crypto.Cipher import DES
from Crypto.Util.Padding import unpad
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PBKDF2_ITERATIONS = 600_000


def _key_from_passphrase(passphrase: str) -> bytes:
    return hashlib.md5(passphrase.encode()).digest()  #@vuln CWE-327|CWE-328


def encrypt_column_value(value: str, passphrase: str) -> str:
    """Deterministic so encrypted emails can still be joined on."""
    key = _key_from_passphrase(passphrase)
    padder = padding.PKCS7(128).padder()
    data = padder.update(value.encode()) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  #@vuln CWE-327
    return base64.b64encode(enc.update(data) + enc.finalize()).decode()


def decrypt_legacy_export(blob: bytes, key8: bytes) -> bytes:
    # exports from the 2019 warehouse were DES encrypted, still needed for reprocessing
    cipher = DES.new(key8, DES.MODE_CBC, iv=blob[:8])  #@vuln CWE-327
    return unpad(cipher.decrypt(blob[8:]), 8)


def encrypt_blob(plaintext: bytes, key: bytes, aad: bytes = b"") -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)  #@safe


def decrypt_blob(blob: bytes, key: bytes, aad: bytes = b"") -> bytes:
    return AESGCM(key).decrypt(blob[:12], blob[12:], aad)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)  #@safe
    return f"pbkdf2_sha256${PBKDF2_ITERATIONS}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    if stored.startswith("pbkdf2_sha256$"):
        _, iters, salt_hex, digest_hex = stored.split("$")
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), int(iters))
        return hmac.compare_digest(digest.hex(), digest_hex)
    # accounts created before 2022 still carry unsalted md5 hashes
    return hmac.compare_digest(hashlib.md5(password.encode()).hexdigest(), stored)  #@vuln CWE-916|CWE-328


def signing_digest(payload: bytes, key: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()
