"""LTI 1.3 / Advantage.

LearnHub is both a *tool* (launched from Canvas/Moodle/Blackboard) and a *platform*
(launching external tools from lessons), so both sides live here.
"""
import json
import logging
import secrets
import time
import uuid
from urllib.parse import urlencode

import jwt
import requests
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from jwt import PyJWKClient

from lms.models import Course

log = logging.getLogger(__name__)

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/"
_jwks_clients = {}


def _platform(issuer, client_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT issuer, client_id, auth_login_url, jwks_url FROM lti_platform WHERE issuer = %s AND client_id = %s", [issuer, client_id])  #@safe
        row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip(("issuer", "client_id", "auth_login_url", "jwks_url"), row))


def _jwks_client(url):
    if url not in _jwks_clients:
        _jwks_clients[url] = PyJWKClient(url, cache_keys=True, lifespan=3600)
    return _jwks_clients[url]


@csrf_exempt
def oidc_login(request):
    params = request.POST if request.method == "POST" else request.GET
    platform = _platform(params.get("iss"), params.get("client_id"))
    if platform is None:
        return HttpResponseBadRequest("unknown platform")
    state, nonce = uuid.uuid4().hex, secrets.token_urlsafe(16)
    cache.set(f"lti:state:{state}", {"nonce": nonce, "client_id": platform["client_id"]}, 600)
    query = urlencode({
        "scope": "openid", "response_type": "id_token", "response_mode": "form_post", "prompt": "none",
        "client_id": platform["client_id"], "redirect_uri": request.build_absolute_uri(reverse("lti:launch")),
        "login_hint": params.get("login_hint", ""), "lti_message_hint": params.get("lti_message_hint", ""),
        "state": state, "nonce": nonce,
    })
    return redirect(f"{platform['auth_login_url']}?{query}")  #@safe


@csrf_exempt
def launch(request):
    id_token = request.POST.get("id_token", "")
    saved = cache.get(f"lti:state:{request.POST.get('state', '')}")
    if not saved:
        return HttpResponseBadRequest("launch state expired")
    # Peek at iss/aud only to find which platform's keys to verify against.
    unverified = jwt.decode(id_token, options={"verify_signature": False})  #@safe
    platform = _platform(unverified.get("iss"), saved["client_id"])
    if platform is None:
        return HttpResponseBadRequest("unknown platform")
    signing_key = _jwks_client(platform["jwks_url"]).get_signing_key_from_jwt(id_token)
    claims = jwt.decode(id_token, signing_key.key, algorithms=["RS256"], audience=platform["client_id"], issuer=platform["issuer"])  #@safe
    if claims.get("nonce") != saved["nonce"]:
        return HttpResponseBadRequest("nonce mismatch")
    session_id = secrets.token_urlsafe(32)
    cache.set(f"lti:session:{session_id}", {"sub": claims["sub"], "roles": claims.get(CLAIM + "roles", []), "context": claims.get(CLAIM + "context", {})}, 8 * 3600)
    response = render(request, "lti/launch.html", {"claims": claims, "resource": claims.get(CLAIM + "resource_link", {})})
    response.set_cookie("lh_lti_session", session_id, max_age=8 * 3600, secure=True, httponly=True, samesite="None")  #@safe
    return response


def session_info(request):
    """Read by the embedded React player running on partner domains."""
    data = cache.get(f"lti:session:{request.COOKIES.get('lh_lti_session', '')}") or {}
    response = JsonResponse({"roles": data.get("roles", []), "context": data.get("context", {}), "sub": data.get("sub")})
    response["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")  #@vuln CWE-942
    response["Access-Control-Allow-Credentials"] = "true"
    return response


def launch_return(request):
    """launch_presentation.return_url - tools send the learner back here."""
    return redirect(request.GET.get("return_url", "/dashboard/"))  #@vuln CWE-601


@csrf_exempt
def deep_link_response(request):
    """Platform side: an external tool posts back the content items the instructor picked."""
    token = request.POST.get("JWT", "")
    claims = jwt.decode(token, options={"verify_signature": False}, algorithms=["RS256"])  #@vuln CWE-347
    course = Course.objects.get(course_key=claims["https://learnhub.example.edu/course_key"])
    items = claims.get(DL_CLAIM + "content_items", [])
    links = [{"title": i.get("title", "External tool"), "url": i.get("url")} for i in items if i.get("type") == "ltiResourceLink"]
    cache.set(f"lti:dl:{course.id}", links, 3600)
    return JsonResponse({"added": len(links)})


@csrf_exempt
def token_endpoint(request):
    """Platform side: client_credentials grant for tools calling AGS/NRPS."""
    assertion = request.POST.get("client_assertion", "")
    claims = jwt.decode(assertion, options={"verify_signature": False, "verify_exp": True})  #@vuln CWE-347
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, scopes FROM lti_tool WHERE client_id = %s", [claims["sub"]])
        row = cursor.fetchone()
    if row is None:
        return JsonResponse({"error": "invalid_client"}, status=401)
    access_token = secrets.token_urlsafe(32)
    cache.set(f"lti:access:{access_token}", {"tool_id": row[0], "scopes": row[1]}, 3600)
    return JsonResponse({"access_token": access_token, "token_type": "bearer", "expires_in": 3600, "scope": row[1]})


@csrf_exempt
def dynamic_registration(request):
    """LTI Dynamic Registration: the platform hands us its openid-configuration URL."""
    config_url = request.GET.get("openid_configuration", "")
    reg_token = request.GET.get("registration_token")
    config = requests.get(config_url, timeout=10).json()  #@vuln CWE-918
    tool_config = {
        "application_type": "web", "client_name": "LearnHub",
        "redirect_uris": [request.build_absolute_uri(reverse("lti:launch"))],
        "initiate_login_uri": request.build_absolute_uri(reverse("lti:login")),
        "jwks_uri": request.build_absolute_uri(reverse("lti:jwks")),
        "token_endpoint_auth_method": "private_key_jwt",
    }
    headers = {"Authorization": f"Bearer {reg_token}"} if reg_token else {}
    reg = requests.post(config["registration_endpoint"], json=tool_config, headers=headers, timeout=10)  #@vuln CWE-918
    reg.raise_for_status()
    client = reg.json()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO lti_platform (issuer, client_id, auth_login_url, jwks_url, registered_at) VALUES (%s, %s, %s, %s, %s)",
            [config["issuer"], client["client_id"], config["authorization_endpoint"], config["jwks_uri"], int(time.time())],
        )
    return render(request, "lti/registered.html", {"config": json.dumps(client, indent=2)})
