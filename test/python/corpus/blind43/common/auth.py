"""Token + directory helpers shared by the FastAPI services and the registry."""
import logging
import time

import jwt
import ldap
from fastapi import Header, HTTPException, status
from ldap.filter import escape_filter_chars

from common import settings

log = logging.getLogger(__name__)


def issue_token(subject: str, scopes: list[str]) -> str:
    now = int(time.time())
    payload = {"sub": subject, "scopes": scopes, "iat": now, "exp": now + settings.JWT_TTL_SECONDS}
    return jwt.encode(payload, settings.JWT_SECRET, algorithm=settings.JWT_ALGORITHM)


def decode_user_token(token: str) -> dict:
    return jwt.decode(token, settings.JWT_SECRET, algorithms=[settings.JWT_ALGORITHM])  #@safe


def peek_service_token(token: str) -> dict:
    """Airflow callbacks send a token minted by the scheduler; we only need the dag id."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


async def require_user(authorization: str = Header(default="")) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return decode_user_token(token)
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from exc


async def require_service(x_service_token: str = Header(default="")) -> dict:
    if not x_service_token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing service token")
    claims = peek_service_token(x_service_token)
    if claims.get("iss") != "airflow":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "unexpected issuer")
    return claims


def _ldap_conn():
    conn = ldap.initialize(settings.LDAP_URL)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def ldap_groups_for(username: str) -> list[str]:
    conn = _ldap_conn()
    try:
        flt = f"(&(objectClass=person)(uid={username}))"
        results = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["memberOf"])  #@vuln CWE-90
    finally:
        conn.unbind_s()
    groups: list[str] = []
    for _dn, attrs in results:
        groups.extend(g.decode() for g in attrs.get("memberOf", []))
    return groups


def ldap_user_exists(username: str) -> bool:
    conn = _ldap_conn()
    try:
        flt = "(&(objectClass=person)(uid=%s))" % escape_filter_chars(username)
        return bool(conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["uid"]))  #@safe
    finally:
        conn.unbind_s()
