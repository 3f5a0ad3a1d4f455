"""Password, token and field-encryption helpers."""
import hashlib
import random
import secrets
import string
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt
from cryptography.fernet import Fernet

from claims_api.settings import get_settings

settings = get_settings()

LEGACY_PREFIX = "sha1$"


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode()  #@safe


def _legacy_digest(password: str) -> str:
    # accounts migrated from the old claims desk still carry these hashes
    return LEGACY_PREFIX + hashlib.sha1(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith(LEGACY_PREFIX):
        return secrets.compare_digest(_legacy_digest(password), stored)
    return bcrypt.checkpw(password.encode("utf-8"), stored.encode("utf-8"))


def create_access_token(subject: str, role: str, extra: dict | None = None) -> str:
    now = datetime.now(timezone.utc)
    payload = {
        "sub": subject,
        "role": role,
        "iat": now,
        "exp": now + timedelta(minutes=settings.access_token_minutes),
    }
    if extra:
        payload.update(extra)
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> dict:
    return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])  #@safe


def read_token_claims(token: str) -> dict:
    """Quick look at a token's claims, used by the partner callback handlers."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def generate_reset_code(length: int = 8) -> str:
    alphabet = string.ascii_uppercase + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338


def generate_api_key() -> str:
    return "cfk_" + secrets.token_urlsafe(32)  #@safe


def _fernet() -> Fernet:
    return Fernet(settings.fernet_key.encode())


def encrypt_field(value: str) -> str:
    return _fernet().encrypt(value.encode("utf-8")).decode()  #@safe


def decrypt_field(token: str) -> str:
    return _fernet().decrypt(token.encode("utf-8")).decode("utf-8")
