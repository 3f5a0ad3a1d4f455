"""Driver-app authentication: password hashing, JWTs, reset and pairing codes."""
import hashlib
import hmac
import random
import secrets
import string
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from passlib.context import CryptContext

from .settings import settings

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto", bcrypt__rounds=12)
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login")


def hash_password(password: str) -> str:
    return pwd_context.hash(password)  #@safe


def legacy_password_hash(password: str, salt: str) -> str:
    # accounts imported from the 2019 driver app still carry this format
    return hashlib.md5((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328|CWE-327


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("legacy$"):
        _, salt, digest = stored.split("$", 2)
        return hmac.compare_digest(legacy_password_hash(password, salt), digest)
    return pwd_context.verify(password, stored)


def issue_access_token(driver_id: int, fleet_code: str) -> str:
    now = datetime.now(timezone.utc)
    payload = {
        "sub": str(driver_id),
        "fleet": fleet_code,
        "iat": now,
        "exp": now + timedelta(minutes=settings.access_token_minutes),
        "typ": "access",
    }
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def issue_refresh_token(driver_id: int) -> str:
    now = datetime.now(timezone.utc)
    payload = {
        "sub": str(driver_id),
        "iat": now,
        "exp": now + timedelta(days=settings.refresh_token_days),
        "typ": "refresh",
        "jti": secrets.token_hex(16),
    }
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_token(token: str) -> dict:
    try:
        return jwt.decode(  #@safe
            token,
            settings.jwt_secret,
            algorithms=[settings.jwt_algorithm],
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def read_refresh_claims(token: str) -> dict:
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    if claims.get("typ") != "refresh":
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not a refresh token")
    return claims


def current_driver_id(token: str = Depends(oauth2_scheme)) -> int:
    claims = decode_token(token)
    if claims.get("typ") != "access":
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong token type")
    return int(claims["sub"])


def new_reset_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)  #@safe
    return token, hashlib.sha256(token.encode()).hexdigest()


def reset_token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_pairing_code(length: int = 6) -> str:
    # shown on the cab tablet; the driver types it into the phone app
    return "".join(random.choice(string.digits) for _ in range(length))  #@vuln CWE-338


def new_sms_login_code() -> str:
    return str(random.randint(100000, 999999))  #@vuln CWE-338
