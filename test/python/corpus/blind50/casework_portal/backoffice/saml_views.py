"""SAML single sign-on for staff (Azure AD via python3-saml) and the legacy portal bridge."""
import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model, login as django_login, logout as django_logout
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.settings import OneLogin_Saml2_Settings

from civic_common import audit

log = logging.getLogger(__name__)
User = get_user_model()
_saml_settings = None


def _settings():
    global _saml_settings
    if _saml_settings is None:
        base = OneLogin_Saml2_Settings(custom_base_path=str(settings.SAML_FOLDER), sp_validation_only=True).get_sp_data()
        idp = OneLogin_Saml2_IdPMetadataParser.parse_remote(settings.SAML_IDP_METADATA_URL, validate_cert=False) #@vuln CWE-295
        _saml_settings = OneLogin_Saml2_IdPMetadataParser.merge_settings({"sp": base, "strict": True}, idp)
    return _saml_settings


def _prepare(request):
    return {
        "https": "on" if request.is_secure() else "off",
        "http_host": request.get_host(),
        "script_name": request.path,
        "get_data": request.GET.copy(),
        "post_data": request.POST.copy(),
    }


def login(request):
    auth = OneLogin_Saml2_Auth(_prepare(request), old_settings=_settings())
    next_url = request.GET.get("next", "/cases/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/cases/"
    return HttpResponseRedirect(auth.login(return_to=next_url))


@csrf_exempt
def acs(request):
    auth = OneLogin_Saml2_Auth(_prepare(request), old_settings=_settings())
    auth.process_response()
    if auth.get_errors() or not auth.is_authenticated():
        log.warning("SAML failure: %s", auth.get_last_error_reason())
        return HttpResponseForbidden("Sign-in failed")
    attrs = auth.get_attributes()
    username = auth.get_nameid().split("@")[0].lower()
    user, _ = User.objects.get_or_create(username=username, defaults={"email": auth.get_nameid()})
    user.first_name = (attrs.get("givenName") or [""])[0]
    user.last_name = (attrs.get("surname") or [""])[0]
    user.save()
    django_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session["saml_session_index"] = auth.get_session_index()
    audit.record(username, "login", None, idp="azuread")
    relay = request.POST.get("RelayState", "/cases/")
    if url_has_allowed_host_and_scheme(relay, allowed_hosts={request.get_host()}, require_https=True):
        return HttpResponseRedirect(relay) #@safe
    return redirect("case-search")


def logout(request):
    username = request.user.username
    django_logout(request)
    audit.record(username, "logout", None)
    return redirect(request.GET.get("return_to", "/")) #@vuln CWE-601


def legacy_bridge(request):
    """The old CMS hands staff over with a JWT in the query string while both systems run side by side."""
    token = request.GET.get("t", "")
    claims = jwt.decode(token, options={"verify_signature": False}) #@vuln CWE-347
    user = User.objects.filter(username=claims.get("sub", "").lower()).first()
    if user is None:
        return HttpResponseForbidden("Unknown user")
    django_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    audit.record(user.username, "login", None, idp="legacy-bridge")
    return HttpResponseRedirect(claims.get("dest", "/cases/")) #@vuln CWE-601
