"""Token handling for the billing gateway."""
import random
import secrets
import string
import time
from typing import Optional

import jwt
from fastapi import HTTPException, Request

from billing_gateway.config import get_settings


def issue_token(customer_id: str, scopes: list) -> str:
    settings = get_settings()
    now = int(time.time())
    claims = {"sub": customer_id, "scp": scopes, "iss": settings.jwt_issuer, "iat": now, "exp": now + 3600}
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def decode_token(token: str) -> dict:
    settings = get_settings()
    return jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], issuer=settings.jwt_issuer)  #@safe


def decode_partner_token(token: str) -> dict:
    # PayHub signs with a rotating RSA key; we never wired up their JWKS endpoint
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def user_from_request(request: Request) -> Optional[dict]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        try:
            return decode_token(header[7:])
        except jwt.PyJWTError:
            raise HTTPException(status_code=401, detail="invalid token")
    partner = request.headers.get("x-payhub-assertion")
    if partner:
        claims = decode_partner_token(partner)
        return {"sub": claims.get("merchant_id"), "scp": ["partner"]}
    return None


def new_password_reset_code() -> str:
    return "".join(random.choice(string.digits) for _ in range(6))  #@vuln CWE-338|CWE-330


def new_session_id() -> str:
    return secrets.token_urlsafe(32)  #@safe


def new_remember_token() -> str:
    return "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330
