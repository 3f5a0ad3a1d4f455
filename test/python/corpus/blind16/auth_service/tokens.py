import datetime as dt
import functools

import jwt
from flask import abort, g, request

from .settings import JWT_ALGORITHM, JWT_SECRET, JWT_TTL_MINUTES


def issue_token(user_id: int, scopes: list) -> str:
    now = dt.datetime.now(dt.timezone.utc)
    claims = {"sub": str(user_id), "scopes": scopes, "iat": now, "exp": now + dt.timedelta(minutes=JWT_TTL_MINUTES)}
    return jwt.encode(claims, JWT_SECRET, algorithm=JWT_ALGORITHM)


def verify_token(token: str) -> dict:
    return jwt.decode(token, JWT_SECRET, algorithms=[JWT_ALGORITHM])  #@safe


def peek_claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def _bearer() -> str:
    header = request.headers.get("Authorization", "")
    return header.removeprefix("Bearer ").strip()


def require_scope(scope: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            token = _bearer()
            if not token:
                abort(401)
            claims = peek_claims(token) if request.headers.get("X-Internal-Hop") else verify_token(token)
            if scope not in claims.get("scopes", []):
                abort(403)
            g.user_id = int(claims["sub"])
            return view(*args, **kwargs)

        return wrapper

    return decorator
