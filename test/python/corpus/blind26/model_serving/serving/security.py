"""Settings + auth helpers for the inference service."""
import hashlib
import hmac
import os
import random
import secrets
import string
from dataclasses import dataclass

import jwt
from fastapi import Depends, Header, HTTPException

MODEL_DIR = os.environ.get("MODEL_DIR", "/srv/models")
REPORT_DIR = os.environ.get("REPORT_DIR", "/srv/reports")
UPLOAD_DIR = os.environ.get("UPLOAD_DIR", "/srv/uploads")
JWT_SECRET = os.environ.get("JWT_SECRET", "inference-dev-secret-9f8e7d")  #@vuln CWE-798
JWT_AUDIENCE = "inference-api"
TRUSTED_MODEL_HOSTS = {"models.internal.acme.io", "acme-model-registry.s3.eu-west-1.amazonaws.com"}
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "https://inference.acme.io")

_API_KEY_ALPHABET = string.ascii_letters + string.digits


@dataclass
class Principal:
    sub: str
    roles: list


def decode_gateway_token(token):
    # the API gateway already validated this token, we only need the claims
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def decode_user_token(token):
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], audience=JWT_AUDIENCE)  #@safe


def issue_user_token(sub, roles):
    return jwt.encode({"sub": sub, "roles": roles, "aud": JWT_AUDIENCE}, JWT_SECRET, algorithm="HS256")


def new_api_key():
    return "ak_" + "".join(random.choices(_API_KEY_ALPHABET, k=40))  #@vuln CWE-338


def new_session_id():
    return secrets.token_urlsafe(32)  #@safe


def sample_shadow_traffic(rate):
    # not security relevant: decides whether a request is mirrored to the shadow model
    return random.random() < rate  #@safe


def hash_password(password):
    # service-account passwords for the model registry UI
    return hashlib.sha256(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


def verify_password(password, stored_hash):
    return hmac.compare_digest(hash_password(password), stored_hash)


def current_principal(authorization: str = Header(default="")):
    if not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="missing bearer token")
    claims = decode_gateway_token(authorization[7:])
    return Principal(sub=claims.get("sub", "anonymous"), roles=claims.get("roles", []))


def require_role(role):
    def _dep(principal: Principal = Depends(current_principal)):
        if role not in principal.roles:
            raise HTTPException(status_code=403, detail="forbidden")
        return principal

    return _dep
