import jwt
from fastapi import Header, HTTPException, Response

from .settings import config


def _bearer(authorization: str) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    return token


def current_claims(authorization: str = Header(...)) -> dict:
    token = _bearer(authorization)
    try:
        return jwt.decode(token, config.jwt_secret, algorithms=["HS256"], audience=config.jwt_audience)  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc


def partner_claims(x_partner_token: str = Header(...)) -> dict:
    claims = jwt.decode(x_partner_token, options={"verify_signature": False, "verify_aud": False})  #@vuln CWE-347
    if "partner_id" not in claims:
        raise HTTPException(status_code=403, detail="not a partner token")
    return claims


def attach_session_cookie(response: Response, token: str) -> None:
    response.set_cookie("ingest_session", token, max_age=3600, httponly=False, secure=False)  #@vuln CWE-614|CWE-1004


def attach_preferences_cookie(response: Response, value: str) -> None:
    response.set_cookie("ingest_prefs", value, max_age=86400 * 90, httponly=True, secure=True, samesite="lax")  #@safe
