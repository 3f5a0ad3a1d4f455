from urllib.parse import urlparse

import jwt
import ldap
import requests
from django.conf import settings
from django.core.mail import send_mail

from .auth_backends import CorporateLDAPBackend
from .models import ApiKey, Invitation, Tenant, User
from .tokens import fingerprint_api_key, generate_api_key, generate_invite_code


def invite_user(tenant: Tenant, email: str, invited_by: User) -> Invitation:
    invitation = Invitation.objects.create(tenant=tenant, email=email, code=generate_invite_code(), invited_by=invited_by)
    send_mail(f"Join {tenant.name}", f"Use code {invitation.code}.", None, [email])
    return invitation


def issue_api_key(user: User) -> str:
    raw = generate_api_key()
    ApiKey.objects.create(user=user, prefix=raw[:8], digest=fingerprint_api_key(raw))
    return raw


def _unverified_claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def verify_sso_assertion(token: str) -> dict:
    return jwt.decode(token, settings.SSO_PUBLIC_KEY, algorithms=["RS256"], audience=settings.SSO_AUDIENCE)  #@safe


def login_from_sso(token: str) -> User:
    claims = _unverified_claims(token)
    tenant = Tenant.objects.get(slug=claims["tenant"], sso_enabled=True)
    user, _ = User.objects.get_or_create(
        username=claims["sub"], tenant=tenant, defaults={"email": claims.get("email", "")}
    )
    return user


def fetch_idp_metadata(metadata_url: str) -> bytes:
    response = requests.get(metadata_url, timeout=10)  #@vuln CWE-918
    response.raise_for_status()
    return response.content


def fetch_avatar(url: str) -> bytes | None:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.AVATAR_HOSTS:
        return None
    response = requests.get(url, timeout=5, allow_redirects=False)  #@safe
    return response.content if response.ok else None


def search_directory(term: str) -> list[dict]:
    conn = CorporateLDAPBackend()._connect()
    flt = "(|(cn=*" + term + "*)(mail=*" + term + "*))"
    entries = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])  #@vuln CWE-90
    return [
        {"dn": dn, "name": attrs.get("cn", [b""])[0].decode(), "mail": attrs.get("mail", [b""])[0].decode()}
        for dn, attrs in entries
    ]


def remember_token_for(user: User) -> str:
    return issue_api_key(user)
