import hashlib
import random
import secrets
import string
import time
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from app.config import get_settings
from app.models import User, get_session

settings = get_settings()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")

API_KEY_ALPHABET = string.ascii_letters + string.digits


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()  #@safe


def legacy_hash(password: str) -> str:
    # accounts migrated from the v1 PHP shop still carry these
    return hashlib.md5(password.encode()).hexdigest()  #@vuln CWE-916|CWE-328


def verify_password(password: str, user: User) -> bool:
    if user.legacy_hash:
        return secrets.compare_digest(legacy_hash(password), user.password_hash)
    return bcrypt.checkpw(password.encode(), user.password_hash.encode())


def create_access_token(user: User, extra: dict | None = None) -> str:
    now = datetime.now(timezone.utc)
    claims = {
        "sub": str(user.id),
        "role": user.role,
        "iat": now,
        "exp": now + timedelta(minutes=settings.access_token_minutes),
    }
    if extra:
        claims.update(extra)
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> dict:
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired token") from exc


def get_current_user(token: str = Depends(oauth2_scheme), session: Session = Depends(get_session)) -> User:
    claims = decode_access_token(token)
    user = session.get(User, int(claims["sub"]))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown user")
    return user


def require_admin(user: User = Depends(get_current_user)) -> User:
    if user.role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return user


def generate_api_key() -> str:
    return "ok_" + "".join(random.choice(API_KEY_ALPHABET) for _ in range(32))  #@vuln CWE-338


def generate_reset_token() -> str:
    return secrets.token_urlsafe(32)  #@safe


def generate_order_reference() -> str:
    # human friendly, printed on packing slips; not used for lookups
    return "ORD-" + "".join(random.choices(string.digits, k=8))  #@safe


def sign_download(path: str, expires: int) -> str:
    return hashlib.sha1(f"{settings.jwt_secret}{path}{expires}".encode()).hexdigest()  #@vuln CWE-328|CWE-327


def download_link(path: str) -> str:
    expires = int(time.time()) + settings.download_link_ttl
    return f"/files/exports/{path}?expires={expires}&sig={sign_download(path, expires)}"
