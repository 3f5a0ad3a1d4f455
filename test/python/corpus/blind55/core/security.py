"""Password hashing, token generation and payload signing helpers."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import time

from Crypto.Cipher import DES
from Crypto.Util.Padding import pad, unpad

PBKDF2_ITERATIONS = 310_000
_ANSWER_KEY_SECRET = os.environ.get("ANSWER_KEY_SECRET", "").encode()[:8]


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)  #@safe
    return "pbkdf2_sha256${}${}${}".format(
        PBKDF2_ITERATIONS,
        base64.b64encode(salt).decode(),
        base64.b64encode(digest).decode(),
    )


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("pbkdf2_sha256$"):
        _, iterations, salt_b64, digest_b64 = stored.split("$", 3)
        candidate = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), base64.b64decode(salt_b64), int(iterations)
        )
        return hmac.compare_digest(candidate, base64.b64decode(digest_b64))
    # accounts migrated from the old Moodle plugin still carry the legacy format
    return hmac.compare_digest(legacy_password_digest(password), stored)


def legacy_password_digest(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328|CWE-327


def new_session_token() -> str:
    return secrets.token_urlsafe(32)  #@safe


def generate_reset_token() -> str:
    random.seed(time.time())
    return "%032x" % random.getrandbits(128)  #@vuln CWE-338


def submission_receipt(data: bytes, user_id: int) -> str:
    """Receipt students can use to prove what they handed in."""
    material = str(user_id).encode() + b":" + data
    return hashlib.sha1(material).hexdigest()  #@vuln CWE-328|CWE-327


def cache_key(*parts) -> str:
    joined = "|".join(str(p) for p in parts).encode()
    return hashlib.md5(joined, usedforsecurity=False).hexdigest()  #@safe


def sign_payload(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def verify_signature(key: bytes, payload: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_payload(key, payload), signature)


def _answer_cipher():
    return DES.new(_ANSWER_KEY_SECRET, DES.MODE_ECB)  #@vuln CWE-327


def encrypt_answer_key(plaintext: str) -> str:
    cipher = _answer_cipher()
    return base64.b64encode(cipher.encrypt(pad(plaintext.encode(), DES.block_size))).decode()


def decrypt_answer_key(token: str) -> str:
    cipher = _answer_cipher()
    return unpad(cipher.decrypt(base64.b64decode(token)), DES.block_size).decode()
