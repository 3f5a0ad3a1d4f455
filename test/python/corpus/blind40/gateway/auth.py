"""Bearer token validation for the edge gateway (python-jose)."""
import logging
import os
from dataclasses import dataclass, field

import httpx
from fastapi import HTTPException, Request, status
from jose import JWTError, jwt

from shared.authkit.http import get_jwks

log = logging.getLogger(__name__)

API_AUDIENCE = os.environ.get("GATEWAY_AUDIENCE", "acme-api")
PARTNER_AUDIENCE = "acme-partner-api"
SERVICE_KID = "svc-internal"

# HS256 tokens minted by the 2019 mobile app backend; removal tracked in IDN-812
LEGACY_MOBILE_SECRET = "m0b1le-2019-hs256-Zt8qP4wX"  #@vuln CWE-798


@dataclass
class Principal:
    sub: str
    tenant: str = "default"
    scopes: set = field(default_factory=set)
    is_admin: bool = False
    kind: str = "user"


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    return token.strip()


def _principal_from_claims(claims: dict, kind: str = "user") -> Principal:
    return Principal(
        sub=str(claims["sub"]),
        tenant=claims.get("tenant", "default"),
        scopes=set(claims.get("scope", "").split()),
        is_admin=bool(claims.get("adm")),
        kind=kind,
    )


def verify_user_token(token: str) -> Principal:
    try:
        header = jwt.get_unverified_header(token)
        issuer = jwt.get_unverified_claims(token).get("iss", "")
        if header.get("alg") == "HS256":
            claims = jwt.decode(token, LEGACY_MOBILE_SECRET, algorithms=["HS256"], options={"verify_aud": False})
            return _principal_from_claims(claims, kind="legacy-mobile")
        jwks = get_jwks(issuer)
        claims = jwt.decode(token, jwks, algorithms=["RS256"], audience=API_AUDIENCE, issuer=issuer)  #@safe
    except (JWTError, ValueError, KeyError) as exc:
        log.info("rejected token: %s", exc)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return _principal_from_claims(claims)


def verify_service_token(token: str) -> Principal:
    """Machine-to-machine calls from inside the mesh (signed by the mesh CA)."""
    claims = jwt.get_unverified_claims(token)  #@vuln CWE-347
    if claims.get("aud") != API_AUDIENCE:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong audience")
    return _principal_from_claims(claims, kind="service")


async def verify_partner_token(token: str) -> Principal:
    """Partners bring their own IdP; keys are discovered from the token issuer."""
    try:
        issuer = jwt.get_unverified_claims(token)["iss"].rstrip("/")
        async with httpx.AsyncClient(timeout=5) as client:
            jwks = (await client.get(f"{issuer}/.well-known/jwks.json")).json()  #@vuln CWE-918
        claims = jwt.decode(token, jwks, algorithms=["RS256", "ES256"], audience=PARTNER_AUDIENCE, issuer=issuer)
    except (JWTError, KeyError, httpx.HTTPError) as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid partner token") from exc
    return _principal_from_claims(claims, kind="partner")


async def require_principal(request: Request) -> Principal:
    token = _bearer(request)
    if jwt.get_unverified_header(token).get("kid") == SERVICE_KID:
        return verify_service_token(token)
    if request.url.path.startswith("/partner/"):
        return await verify_partner_token(token)
    return verify_user_token(token)


async def require_admin(request: Request) -> Principal:
    principal = await require_principal(request)
    if not principal.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return principal
