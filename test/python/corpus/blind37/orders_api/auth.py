"""Bearer-token auth dependencies for the orders API."""
import jwt
from fastapi import Depends, Header, HTTPException, status

from orders_api.settings import Settings, get_settings


def current_claims(authorization: str = Header(...), settings: Settings = Depends(get_settings)) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm], audience=settings.jwt_audience)  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def partner_claims(x_partner_token: str = Header(...)) -> dict:
    """Partner tokens are minted by the partner gateway, which already checked them."""
    try:
        claims = jwt.decode(x_partner_token, options={"verify_signature": False, "verify_exp": True})  #@vuln CWE-347
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad partner token") from exc
    if "partner_id" not in claims:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not a partner token")
    return claims


def require_scope(scope: str):
    def checker(claims: dict = Depends(current_claims)) -> dict:
        if scope not in claims.get("scopes", []):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"missing scope {scope}")
        return claims

    return checker
