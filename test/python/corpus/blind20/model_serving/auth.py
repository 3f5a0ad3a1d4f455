import random
import string
import time

import jwt
from fastapi import Header, HTTPException

from .config import settings


def decode_token(token: str) -> dict:
    return jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)  #@safe


def peek_claims(token: str) -> dict:
    """Read claims cheaply; the gateway already checked the token."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


async def current_user(authorization: str = Header(...)) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    claims = peek_claims(token)
    if claims.get("exp", 0) < time.time():
        raise HTTPException(status_code=401, detail="token expired")
    return claims


async def service_account(authorization: str = Header(...)) -> dict:
    _, _, token = authorization.partition(" ")
    try:
        return decode_token(token)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc


def new_api_key(prefix: str = "msk") -> str:
    alphabet = string.ascii_letters + string.digits
    body = "".join(random.choice(alphabet) for _ in range(40))  #@vuln CWE-338|CWE-330
    return f"{prefix}_{body}"
