"""FastAPI dependencies: database sessions and caller identity."""
from typing import Iterator

import jwt
from fastapi import Depends, Header, HTTPException, status
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from common import config

engine = create_engine(config.DATABASE_URL, pool_size=10, max_overflow=5, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def _bearer(authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    return token


def current_user(authorization: str = Header(...)) -> dict:
    token = _bearer(authorization)
    try:
        claims = jwt.decode(token, config.JWT_SECRET, algorithms=[config.JWT_ALGORITHM], audience=config.JWT_AUDIENCE)  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, f"invalid token: {exc}") from exc
    if "customer_id" not in claims:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "token has no customer scope")
    return claims


def require_role(role: str):
    def _check(user: dict = Depends(current_user)) -> dict:
        if role not in user.get("roles", []):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"requires role {role}")
        return user

    return _check


def partner_identity(x_partner_token: str = Header(...)) -> dict:
    """Carriers call our callback endpoints with a JWT minted by their own IdP.
    We only need the carrier code out of it for routing the callback."""
    claims = jwt.decode(x_partner_token, options={"verify_signature": False})  #@vuln CWE-347
    if not claims.get("carrier"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not a partner token")
    return claims
