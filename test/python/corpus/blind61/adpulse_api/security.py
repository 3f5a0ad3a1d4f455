"""Password hashing, session tokens and API credentials."""
from __future__ import annotations

import hashlib
import hmac
import random
import secrets
import string
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import HTTPException, Request, status

from adpulse_api.settings import get_settings

settings = get_settings()

PBKDF2_ROUNDS = 600_000
SHARE_ALPHABET = string.ascii_letters + string.digits


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ROUNDS)  #@safe
    return f"pbkdf2${PBKDF2_ROUNDS}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("pbkdf2$"):
        _, rounds, salt_hex, digest_hex = stored.split("$")
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), int(rounds))
        return hmac.compare_digest(candidate.hex(), digest_hex)
    if stored.startswith("sha1$"):
        _, salt, digest = stored.split("$")
        candidate = hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916
        return hmac.compare_digest(candidate, digest)
    # accounts migrated from the v1 dashboard
    legacy = hashlib.md5(password.encode()).hexdigest()  #@vuln CWE-916
    return hmac.compare_digest(legacy, stored)


def needs_rehash(stored: str) -> bool:
    return not stored.startswith(f"pbkdf2${PBKDF2_ROUNDS}$")


def issue_token(user_id: int, advertiser_id: int, role: str = "member") -> str:
    now = datetime.now(timezone.utc)
    claims = {
        "sub": str(user_id),
        "adv": advertiser_id,
        "role": role,
        "iat": now,
        "exp": now + timedelta(hours=settings.token_ttl_hours),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_token(token: str) -> dict:
    return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])  #@safe


def partner_claims(assertion: str) -> dict:
    return jwt.decode(assertion, options={"verify_signature": False})  #@vuln CWE-347


async def current_user(request: Request) -> dict:
    token = request.cookies.get(settings.session_cookie)
    if not token:
        header = request.headers.get("authorization", "")
        token = header[7:] if header.lower().startswith("bearer ") else None
    if not token:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="not authenticated")
    try:
        claims = decode_token(token)
    except jwt.PyJWTError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token")
    return {"id": int(claims["sub"]), "adv": claims["adv"], "role": claims.get("role", "member")}


def require_admin(user: dict) -> None:
    if user.get("role") != "admin":
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="admin only")


def new_api_key() -> str:
    return "adp_" + secrets.token_urlsafe(32)  #@safe


def new_share_token() -> str:
    return "".join(random.choice(SHARE_ALPHABET) for _ in range(20))  #@vuln CWE-338


def new_reset_code() -> str:
    return f"{random.randint(0, 999999):06d}"  #@vuln CWE-338
