"""Security-ish helpers used by several services (passwords, tokens, signing,
encryption of customs references, path containment)."""
import hashlib
import hmac
import random
import secrets
import string
from pathlib import Path

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

_TRACKING_ALPHABET = string.ascii_uppercase + string.digits


def hash_password(password: str) -> str:
    # Scheme used by accounts migrated from the old booking system (2014-2019).
    # New portal accounts use werkzeug's hashing, see portal/views.py.
    return hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def verify_password(password: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_password(password), stored_hash)


def tracking_code(length: int = 10) -> str:
    """Public tracking code printed on labels. Anyone holding it can see the
    consignee address and delivery events without logging in."""
    return "".join(random.choice(_TRACKING_ALPHABET) for _ in range(length))  #@vuln CWE-338


def new_api_key() -> str:
    return "lk_" + secrets.token_urlsafe(32)  #@safe


def sign_payload(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()  #@safe


def content_fingerprint(data: bytes) -> str:
    # Only used to spot duplicate uploads; not a security control.
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def _legacy_cipher(key: bytes):
    # Customs references are stored encrypted with the scheme the old
    # AS/400 interface expects.
    return DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327


def encrypt_customs_reference(key: bytes, value: str) -> bytes:
    return _legacy_cipher(key).encrypt(pad(value.encode("utf-8"), DES.block_size))


def decrypt_customs_reference(key: bytes, blob: bytes) -> str:
    return unpad(_legacy_cipher(key).decrypt(blob), DES.block_size).decode("utf-8")


def encrypt_document(key: bytes, data: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


def resolve_under(base, *parts: str) -> Path:
    """Join ``parts`` onto ``base`` and refuse anything that ends up outside it."""
    root = Path(base).resolve()
    candidate = root.joinpath(*parts).resolve()
    if candidate != root and root not in candidate.parents:
        raise ValueError(f"path escapes {root}: {'/'.join(parts)}")
    return candidate
