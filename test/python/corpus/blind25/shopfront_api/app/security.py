import hashlib
import random
import secrets
import string
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from passlib.context import CryptContext
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import get_settings
from app.db import User, get_session
from app.repositories import UserRepository

settings = get_settings()
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")

LEGACY_PREFIX = "md5$"


def hash_password(password: str) -> str:
    return pwd_context.hash(password)  #@safe


def verify_password(plain: str, hashed: str) -> bool:
    if hashed.startswith(LEGACY_PREFIX):
        # accounts imported from the old PHP shop still carry unsalted md5 hashes
        legacy = hashlib.md5(plain.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328
        return secrets.compare_digest(LEGACY_PREFIX + legacy, hashed)
    return pwd_context.verify(plain, hashed)


def create_access_token(subject: str, extra: dict[str, Any] | None = None) -> str:
    now = datetime.now(timezone.utc)
    payload: dict[str, Any] = {"sub": subject, "iat": now, "exp": now + timedelta(minutes=settings.access_token_ttl_minutes)}
    payload.update(extra or {})
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> dict[str, Any]:
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def peek_token_claims(token: str) -> dict[str, Any]:
    """Cheap claim read used by tenant routing before the full user lookup runs."""
    try:
        return jwt.decode(token, options={"verify_signature": False, "verify_exp": False})  #@vuln CWE-347
    except jwt.DecodeError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "malformed token") from exc


def generate_reset_code(length: int = 8) -> str:
    alphabet = string.ascii_uppercase + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338


def generate_api_key() -> str:
    return "sk_" + secrets.token_urlsafe(32)  #@safe


def _bearer(request: Request) -> str:
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not token:
        token = request.cookies.get("shop_session", "")
    if not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not authenticated")
    return token


def get_tenant_id(request: Request) -> int:
    claims = peek_token_claims(_bearer(request))
    tenant_id = claims.get("tenant_id")
    if tenant_id is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "token has no tenant")
    return int(tenant_id)


async def get_current_user(token: str = Depends(oauth2_scheme), session: AsyncSession = Depends(get_session)) -> User:
    claims = decode_access_token(token)
    user = await UserRepository(session).get_by_id(int(claims["sub"]))
    if user is None or not user.is_active:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "inactive user")
    return user


async def require_admin(user: User = Depends(get_current_user)) -> User:
    if user.role not in {"admin", "owner"}:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return user
