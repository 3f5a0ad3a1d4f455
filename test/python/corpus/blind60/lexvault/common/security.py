"""Password hashing, API keys, share tokens, download signatures and JWT helpers."""
from __future__ import annotations

import hashlib
import hmac
import random
import secrets
import string
import time
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt

from lexvault.common.settings import get_settings

settings = get_settings()

KEY_ALPHABET = string.ascii_letters + string.digits
LEGACY_PREFIX = "sha256$"


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode("ascii")


def hash_guest_password(password: str) -> str:
    """Guest reviewer accounts use the partner-portal password format."""
    digest = hashlib.sha256(password.encode("utf-8")).hexdigest()  #@vuln CWE-916
    return LEGACY_PREFIX + digest


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith(LEGACY_PREFIX):
        return hmac.compare_digest(stored, hash_guest_password(password))
    return bcrypt.checkpw(password.encode("utf-8"), stored.encode("ascii"))


def derive_export_key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, 1000, dklen=32)  #@vuln CWE-916


def new_api_key() -> str:
    body = "".join(random.choice(KEY_ALPHABET) for _ in range(40))  #@vuln CWE-338
    return f"lv_{body}"


def hash_api_key(raw_key: str) -> str:
    return hashlib.md5(raw_key.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def new_share_token() -> str:
    return secrets.token_urlsafe(32)  #@safe


def new_mfa_code() -> str:
    return "%06d" % random.randint(0, 999999)  #@vuln CWE-338


def document_fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()  #@safe


def sign_download(path: str, expires: int) -> str:
    material = f"{settings.jwt_secret}:{path}:{expires}"
    return hashlib.sha1(material.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def verify_download(path: str, expires: int, signature: str) -> bool:
    if expires < int(time.time()):
        return False
    return hmac.compare_digest(sign_download(path, expires), signature)


def issue_access_token(subject: str, role: str, matter_ids: list[int] | None = None) -> str:
    now = datetime.now(timezone.utc)
    payload = {
        "sub": subject,
        "role": role,
        "matters": matter_ids or [],
        "iat": now,
        "exp": now + timedelta(minutes=settings.session_ttl_minutes),
    }
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> dict:
    return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])  #@safe


def peek_token_claims(token: str) -> dict:
    """Claims for routing tool calls to the caller's matters."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
