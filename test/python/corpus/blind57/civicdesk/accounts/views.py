from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from civicdesk.security import decode_staff_assertion, new_api_token
from core.models import Resident

from .ldap_backend import department_members, lookup_staff_by_email

DEFAULT_LANDING = "/staff/dashboard/"


@require_http_methods(["GET", "POST"])
def staff_login(request):
    if request.method == "GET":
        return render(request, "accounts/login.html", {"next": request.GET.get("next", "")})

    user = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return render(request, "accounts/login.html", {"error": "Invalid credentials"}, status=401)
    login(request, user)
    next_url = request.POST.get("next") or DEFAULT_LANDING
    return redirect(next_url)  #@vuln CWE-601


@require_GET
def staff_logout(request):
    logout(request)
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=set(settings.ALLOWED_HOSTS), require_https=True):
        target = "/"
    return HttpResponseRedirect(target)  #@safe


@require_GET
def sso_callback(request):
    assertion = request.headers.get("X-City-Assertion", "")
    claims = decode_staff_assertion(assertion)
    if "civicdesk-staff" not in claims["roles"]:
        return JsonResponse({"error": "not authorised"}, status=403)
    request.session["sso_user"] = claims["username"]
    request.session["department"] = claims["department"]
    response = redirect(DEFAULT_LANDING)
    response.set_cookie("cd_staff_token", new_api_token(), max_age=8 * 3600)  #@vuln CWE-614|CWE-1004
    return response


@require_http_methods(["POST"])
def kiosk_session(request):
    resident = Resident.objects.filter(library_card=request.POST.get("card", "")).first()
    if resident is None:
        return JsonResponse({"error": "unknown card"}, status=404)
    response = JsonResponse({"resident": resident.full_name})
    response.set_cookie(  #@safe
        "cd_kiosk", new_api_token(), max_age=900, secure=True, httponly=True, samesite="Strict"
    )
    return response


@require_GET
def staff_directory(request):
    if not request.user.is_staff:
        return JsonResponse({"error": "forbidden"}, status=403)
    email = request.GET.get("email")
    if email:
        return JsonResponse({"results": lookup_staff_by_email(email)})
    department = request.GET.get("department", "")
    return JsonResponse({"results": department_members(department)})
