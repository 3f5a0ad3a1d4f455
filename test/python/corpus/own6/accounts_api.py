"""Accounts API: redirects, tokens, cookies, profile updates (variants of each family)."""
import os
import random
import string
import subprocess
from urllib.parse import urlparse

import jwt
from django.conf import settings
from django.contrib.auth import login
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

from .models import Profile

PUBLIC_KEY = open(os.path.join(settings.BASE_DIR, "jwt.pub")).read()
LDAP = Server("ldaps://ldap.internal")


def login_done(request):
    nxt = request.POST.get("next") or "/"
    return redirect(nxt)  #@vuln CWE-601


def login_done_safe(request):
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=True):
        nxt = "/"
    return redirect(nxt)  #@safe


def back(request):
    return HttpResponseRedirect(request.META.get("HTTP_REFERER", "/"))  #@vuln CWE-601


def to_profile(request):
    slug = request.GET.get("slug", "")
    return redirect("/profiles/" + slug)  #@safe


def external(request):
    target = request.GET.get("to", "")
    host = urlparse(target).netloc
    if host not in settings.PARTNER_HOSTS:
        return JsonResponse({"error": "bad host"}, status=400)
    return HttpResponseRedirect(target)  #@safe


def token_user(request):
    raw = request.headers.get("X-Token", "")
    opts = {"verify_signature": False, "verify_exp": False}
    claims = jwt.decode(raw, options=opts)  #@vuln CWE-347
    return JsonResponse({"user": claims["sub"]})


def token_user_safe(request):
    raw = request.headers.get("X-Token", "")
    claims = jwt.decode(raw, PUBLIC_KEY, algorithms=["RS256"], options={"verify_exp": True})  #@safe
    return JsonResponse({"user": claims["sub"]})


def token_header(request):
    raw = request.headers.get("X-Token", "")
    kid = jwt.get_unverified_header(raw).get("kid")  #@safe
    return JsonResponse({"kid": kid})


def directory_search(request):
    name = request.GET.get("name", "")
    conn = Connection(LDAP, auto_bind=True)
    conn.search("dc=corp,dc=example", f"(&(objectClass=person)(cn={name}))", attributes=["mail"])  #@vuln CWE-90
    return JsonResponse({"n": len(conn.entries)})


def directory_search_safe(request):
    name = escape_filter_chars(request.GET.get("name", ""))
    conn = Connection(LDAP, auto_bind=True)
    conn.search("dc=corp,dc=example", f"(&(objectClass=person)(cn={name}))", attributes=["mail"])  #@safe
    return JsonResponse({"n": len(conn.entries)})


def update_profile(request):
    profile = Profile.objects.get(user=request.user)
    for key, value in request.POST.items():
        setattr(profile, key, value)  #@vuln CWE-915
    profile.save()
    return JsonResponse({"ok": True})


EDITABLE = {"bio", "website", "location"}


def update_profile_safe(request):
    profile = Profile.objects.get(user=request.user)
    for key, value in request.POST.items():
        if key in EDITABLE:
            setattr(profile, key, value)  #@safe
    profile.save()
    return JsonResponse({"ok": True})


def update_profile_fields(request):
    data = {"bio": request.POST.get("bio", ""), "website": request.POST.get("website", "")}
    Profile.objects.filter(user=request.user).update(**data)  #@safe
    return JsonResponse({"ok": True})


def create_profile(request):
    Profile.objects.create(user=request.user, **request.POST.dict())  #@vuln CWE-915
    return JsonResponse({"ok": True})


def remember_me(request):
    resp = JsonResponse({"ok": True})
    resp.set_cookie("remember", request.user.username, max_age=3600 * 24 * 30, httponly=True)  #@vuln CWE-614
    return resp


def remember_me_safe(request):
    resp = JsonResponse({"ok": True})
    resp.set_cookie("remember", request.user.username, secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


def invite_code():
    return "".join(random.choices(string.ascii_uppercase + string.digits, k=8))  #@vuln CWE-338


def pick_banner():
    return random.choice(["a.png", "b.png", "c.png"])  #@safe
