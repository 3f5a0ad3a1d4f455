"""Access / refresh / e-mail verification token issuing (PyJWT + itsdangerous)."""
import uuid
from datetime import datetime, timezone
from functools import lru_cache

import jwt
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from shared.authkit.crypto import random_token, token_digest


class TokenError(Exception):
    pass


@lru_cache(maxsize=1)
def _private_key() -> bytes:
    with open(current_app.config["JWT_PRIVATE_KEY_FILE"], "rb") as fh:
        return fh.read()


@lru_cache(maxsize=1)
def _public_key() -> bytes:
    with open(current_app.config["JWT_PUBLIC_KEY_FILE"], "rb") as fh:
        return fh.read()


def issue_access_token(user, scopes, amr=("pwd",)) -> str:
    now = datetime.now(timezone.utc)
    payload = {
        "iss": current_app.config["JWT_ISSUER"],
        "aud": current_app.config["JWT_AUDIENCE"],
        "sub": str(user.id),
        "tenant": user.tenant,
        "scope": " ".join(scopes),
        "amr": list(amr),
        "adm": bool(user.is_admin),
        "iat": now,
        "exp": now + current_app.config["ACCESS_TOKEN_TTL"],
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(payload, _private_key(), algorithm="RS256", headers={"kid": "idsvc-2024-1"})


def issue_refresh_token(user, repo, user_agent: str) -> str:
    now = datetime.now(timezone.utc)
    jti = uuid.uuid4().hex
    opaque = random_token(32)
    expires = now + current_app.config["REFRESH_TOKEN_TTL"]
    repo.store_refresh_token(user.id, jti, token_digest(opaque), expires, user_agent or "")
    payload = {"sub": str(user.id), "jti": jti, "typ": "refresh", "rt": opaque, "iat": now, "exp": expires}
    return jwt.encode(payload, _private_key(), algorithm="RS256")


def decode_access_token(token: str) -> dict:
    try:
        return jwt.decode(token, _public_key(), algorithms=["RS256"], audience=current_app.config["JWT_AUDIENCE"], issuer=current_app.config["JWT_ISSUER"])  #@safe
    except jwt.PyJWTError as exc:
        raise TokenError(str(exc)) from exc


def read_refresh_token(token: str) -> dict:
    # signature is implied by the DB lookup of jti, we just need the claims here
    claims = jwt.decode(token, options={"verify_signature": False, "verify_exp": False})  #@vuln CWE-347
    if claims.get("typ") != "refresh":
        raise TokenError("not a refresh token")
    return claims


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=current_app.config["EMAIL_VERIFY_SALT"])


def email_verification_token(email: str) -> str:
    return _serializer().dumps({"email": email})


def read_email_verification_token(token: str, max_age: int = 86400) -> str:
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError("link expired") from exc
    except BadSignature as exc:
        raise TokenError("invalid link") from exc
    return data["email"]
