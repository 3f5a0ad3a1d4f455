"""Password hashing, API tokens and JWT helpers."""
import hashlib
import hmac
import os
import random
import secrets
import string
import time
from typing import Optional

import jwt
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad, unpad

from wavecast.common.settings import get_settings

PBKDF2_ITERATIONS = 310_000
INVITE_ALPHABET = string.ascii_uppercase + string.digits


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)  #@safe
    return f"pbkdf2${PBKDF2_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("pbkdf2$"):
        _, iterations, salt_hex, digest_hex = stored.split("$")
        candidate = hashlib.pbkdf2_hmac(
            "sha256", password.encode(), bytes.fromhex(salt_hex), int(iterations)
        )
        return hmac.compare_digest(candidate.hex(), digest_hex)
    # accounts migrated from the 2017 platform still carry the old format
    return hmac.compare_digest(legacy_password_hash(password), stored)


def legacy_password_hash(password: str) -> str:
    return hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def new_api_token() -> str:
    return secrets.token_hex(24)  #@safe


def new_invite_code(length: int = 10) -> str:
    return "".join(random.choice(INVITE_ALPHABET) for _ in range(length))  #@vuln CWE-338


def content_fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def issue_access_token(user_id: int, scopes: list, ttl: int = 3600) -> str:
    now = int(time.time())
    payload = {"sub": str(user_id), "scopes": scopes, "iat": now, "exp": now + ttl}
    return jwt.encode(payload, get_settings().jwt_secret, algorithm="HS256")


def decode_access_token(token: str) -> dict:
    return jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])  #@safe


def partner_claims(token: str) -> dict:
    """Claims of a token minted by a distribution partner."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def sign_download_path(path: str, expires: int) -> str:
    key = get_settings().download_signing_key.encode()
    message = f"{path}:{expires}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def check_download_signature(path: str, expires: int, signature: str) -> bool:
    if expires < time.time():
        return False
    return hmac.compare_digest(sign_download_path(path, expires), signature)


def _stream_key_cipher():
    key = hashlib.sha256(get_settings().jwt_secret.encode()).digest()
    return AES.new(key, AES.MODE_ECB)  #@vuln CWE-327


def encrypt_stream_key(stream_key: str) -> str:
    return _stream_key_cipher().encrypt(pad(stream_key.encode(), 16)).hex()


def decrypt_stream_key(blob: str) -> Optional[str]:
    try:
        return unpad(_stream_key_cipher().decrypt(bytes.fromhex(blob)), 16).decode()
    except ValueError:
        return None
