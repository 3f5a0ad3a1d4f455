import jwt
from fastapi import Depends, Header, HTTPException, status

from .config import Settings, get_settings


async def get_current_user(authorization: str = Header(...)) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return {"id": claims["sub"], "role": claims.get("role", "viewer")}


async def get_service_caller(
    x_service_token: str = Header(...),
    settings: Settings = Depends(get_settings),
) -> dict:
    try:
        claims = jwt.decode(x_service_token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid service token") from exc
    return claims


def require_admin(user: dict = Depends(get_current_user)) -> dict:
    if user["role"] != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return user
