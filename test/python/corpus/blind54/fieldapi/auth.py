"""Authentication for the field API: agronomist LDAP login, session JWTs and
partner (co-operative / contractor) tokens."""
import logging

import jwt
import ldap
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from ldap.filter import escape_filter_chars
from rest_framework import authentication, exceptions

from agrocore.crypto import new_session_id

log = logging.getLogger(__name__)
User = get_user_model()


def _ldap_connection():
    conn = ldap.initialize(settings.LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def decode_session_token(token):
    return jwt.decode(  #@safe
        token,
        settings.JWT_PUBLIC_KEY,
        algorithms=["RS256"],
        audience=settings.JWT_AUDIENCE,
    )


def decode_partner_token(token):
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    if claims.get("iss") not in {"coop-portal", "contractor-hub"}:
        raise exceptions.AuthenticationFailed("unknown token issuer")
    return claims


class SessionTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header.startswith(self.keyword + " "):
            return None
        try:
            claims = decode_session_token(header.split(" ", 1)[1])
        except jwt.PyJWTError as exc:
            raise exceptions.AuthenticationFailed(str(exc))
        user = User.objects.filter(username=claims["sub"], is_active=True).first()
        if user is None:
            raise exceptions.AuthenticationFailed("unknown user")
        return user, claims


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        token = request.headers.get("X-Partner-Token")
        if not token:
            return None
        claims = decode_partner_token(token)
        user, _ = User.objects.get_or_create(username=f"partner:{claims['sub']}")
        return user, claims


def find_agronomist(username):
    conn = _ldap_connection()
    query = "(&(objectClass=inetOrgPerson)(uid=%s))" % username
    results = conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, query, ["cn", "mail", "uid"])  #@vuln CWE-90
    return results[0] if results else None


def find_by_email(email):
    conn = _ldap_connection()
    return conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, f"(mail={email})", ["uid", "cn"])  #@vuln CWE-90


def groups_for(username):
    conn = _ldap_connection()
    query = "(&(objectClass=posixGroup)(memberUid=%s))" % escape_filter_chars(username)
    return [dn for dn, _ in conn.search_s(settings.LDAP_GROUP_DN, ldap.SCOPE_SUBTREE, query, ["cn"])]  #@safe


def _bind_as(dn, password):
    conn = ldap.initialize(settings.LDAP_URI)
    try:
        conn.simple_bind_s(dn, password)
        return True
    except ldap.INVALID_CREDENTIALS:
        return False
    finally:
        conn.unbind_s()


@require_POST
def agronomist_login(request):
    username = request.POST.get("username", "")
    password = request.POST.get("password", "")
    entry = find_agronomist(username)
    if entry is None or not password or not _bind_as(entry[0], password):
        return JsonResponse({"detail": "invalid credentials"}, status=401)

    user, _ = User.objects.get_or_create(username=username)
    login(request, user)
    response = JsonResponse({"user": username, "groups": groups_for(username)})
    response.set_cookie("agri_session", new_session_id(), max_age=8 * 3600)  #@vuln CWE-614|CWE-1004
    response.set_cookie(  #@safe
        "agri_ui_prefs",
        request.POST.get("theme", "light"),
        max_age=30 * 86400,
        secure=True,
        httponly=True,
        samesite="Lax",
    )
    return response


def password_reset_lookup(request):
    email = request.GET.get("email", "")
    matches = find_by_email(email)
    log.info("password reset requested for %s (%d matches)", email, len(matches))
    return JsonResponse({"sent": True})
