"""SAML / OIDC login glue and LDAP fallback for adjusters."""
import base64
import logging
from urllib.parse import urlencode

import jwt
import ldap
import requests
from defusedxml import ElementTree as DefusedET
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from ldap.filter import escape_filter_chars
from lxml import etree

from .security_utils import new_api_session_id, new_oidc_nonce, new_oidc_state

log = logging.getLogger(__name__)
User = get_user_model()

SAML_NS = {
    "samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
}

_jwks_client = jwt.PyJWKClient(settings.OIDC_JWKS_URL)


def oidc_login(request):
    state = new_oidc_state()
    nonce = new_oidc_nonce()
    request.session["oidc_state"] = state
    request.session["oidc_nonce"] = nonce
    request.session["post_login_next"] = request.GET.get("next", "/")
    query = urlencode(
        {
            "client_id": settings.OIDC_CLIENT_ID,
            "response_type": "code",
            "scope": "openid email profile",
            "redirect_uri": request.build_absolute_uri("/sso/oidc/callback"),
            "state": state,
            "nonce": nonce,
        }
    )
    return HttpResponseRedirect(f"{settings.OIDC_ISSUER}/authorize?{query}")


def _exchange_code(request, code):
    resp = requests.post(
        f"{settings.OIDC_ISSUER}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": request.build_absolute_uri("/sso/oidc/callback"),
            "client_id": settings.OIDC_CLIENT_ID,
            "client_secret": settings.OIDC_CLIENT_SECRET,
        },
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()


def oidc_callback(request):
    if request.GET.get("state") != request.session.get("oidc_state"):
        return HttpResponseBadRequest("state mismatch")
    tokens = _exchange_code(request, request.GET["code"])
    signing_key = _jwks_client.get_signing_key_from_jwt(tokens["id_token"])
    claims = jwt.decode(  #@safe
        tokens["id_token"],
        signing_key.key,
        algorithms=["RS256"],
        audience=settings.OIDC_CLIENT_ID,
        issuer=settings.OIDC_ISSUER,
    )
    user, _ = User.objects.get_or_create(username=claims["email"], defaults={"email": claims["email"]})
    login(request, user)
    next_url = request.session.pop("post_login_next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        next_url = "/"
    return HttpResponseRedirect(next_url)  #@safe


def partner_bearer_login(request):
    """Adjusters arriving from the partner portal present a bearer token in the header."""
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    user = User.objects.get(username=claims["sub"])
    login(request, user)
    response = HttpResponseRedirect("/adjuster/")
    response.set_cookie("claims_portal_session", new_api_session_id(), max_age=8 * 3600)  #@vuln CWE-614|CWE-1004
    return response


@csrf_exempt
def saml_acs(request):
    raw = base64.b64decode(request.POST["SAMLResponse"])
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    doc = etree.fromstring(raw, parser)  #@vuln CWE-611
    name_id = doc.findtext(".//saml:Assertion/saml:Subject/saml:NameID", namespaces=SAML_NS)
    if not name_id:
        return HttpResponseBadRequest("missing NameID")
    user, _ = User.objects.get_or_create(username=name_id)
    login(request, user)
    relay_state = request.POST.get("RelayState", "/")
    return HttpResponseRedirect(relay_state)  #@vuln CWE-601


@csrf_exempt
def saml_logout(request):
    raw = base64.b64decode(request.POST["SAMLRequest"])
    doc = DefusedET.fromstring(raw)  #@safe
    session_index = doc.findtext("{urn:oasis:names:tc:SAML:2.0:protocol}SessionIndex")
    log.info("SAML logout for session %s", session_index)
    request.session.flush()
    response = HttpResponseRedirect("/")
    response.set_cookie("claims_portal_session", "", max_age=0, secure=True, httponly=True, samesite="Lax")  #@safe
    return response


def ldap_authenticate(username, password):
    conn = ldap.initialize(settings.LDAP_SERVER_URI)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    results = conn.search_s(  #@vuln CWE-90
        settings.LDAP_BASE_DN,
        ldap.SCOPE_SUBTREE,
        "(&(objectClass=person)(uid=%s))" % username,
        ["cn", "mail", "memberOf"],
    )
    if not results:
        return None
    user_dn, _attrs = results[0]
    try:
        conn.simple_bind_s(user_dn, password)
    except ldap.INVALID_CREDENTIALS:
        return None
    return user_dn


def ldap_lookup_adjuster_group(group_name):
    conn = ldap.initialize(settings.LDAP_SERVER_URI)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    flt = "(&(objectClass=groupOfNames)(cn=%s))" % escape_filter_chars(group_name)
    return conn.search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["member"])  #@safe


def ldap_login(request):
    username = request.POST.get("username", "")
    dn = ldap_authenticate(username, request.POST.get("password", ""))
    if dn is None:
        return HttpResponseBadRequest("invalid credentials")
    user, _ = User.objects.get_or_create(username=username)
    login(request, user)
    return HttpResponseRedirect(request.POST.get("next") or "/adjuster/")  #@vuln CWE-601
