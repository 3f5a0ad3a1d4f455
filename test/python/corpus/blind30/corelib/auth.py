"""Token + directory helpers used by the APIs and websocket consumers."""
import logging

import jwt
import ldap
from ldap.filter import escape_filter_chars
from django.conf import settings

log = logging.getLogger(__name__)

LDAP_URI = "ldaps://dc1.corp.example.com"
LDAP_BIND_DN = "cn=svc-ledger,ou=service,dc=corp,dc=example,dc=com"
LDAP_BIND_PASSWORD = "Ledg3r!svc#2022"  #@vuln CWE-798|CWE-259
USER_BASE = "ou=people,dc=corp,dc=example,dc=com"


class TokenError(Exception):
    pass


def decode_session_token(token: str) -> dict:
    try:
        return jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256"], audience="ledger")  #@safe
    except jwt.PyJWTError as exc:
        raise TokenError(str(exc)) from exc


def decode_partner_token(token: str) -> dict:
    """Partner tokens are issued by their IdP; we just read the tenant claim."""
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    if "tenant" not in claims:
        raise TokenError("missing tenant")
    return claims


def _bind():
    conn = ldap.initialize(LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(LDAP_BIND_DN, LDAP_BIND_PASSWORD)
    return conn


def find_directory_user(username: str):
    conn = _bind()
    try:
        return conn.search_s(USER_BASE, ldap.SCOPE_SUBTREE, f"(&(objectClass=person)(uid={username}))", ["cn", "mail", "department"])  #@vuln CWE-90
    finally:
        conn.unbind_s()


def find_by_email(email: str):
    conn = _bind()
    try:
        return conn.search_s(USER_BASE, ldap.SCOPE_SUBTREE, "(mail=%s)" % escape_filter_chars(email), ["uid", "cn"])  #@safe
    finally:
        conn.unbind_s()
