"""Django views and settings fragments: CSRF, CORS, headers."""
import logging

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

log = logging.getLogger(__name__)

CORS_ALLOW_ALL_ORIGINS = True  #@vuln CWE-942
CORS_ALLOW_CREDENTIALS = True


@csrf_exempt  #@vuln CWE-352
@require_POST
def transfer(request):
    amount = int(request.POST.get("amount", "0"))
    return JsonResponse({"moved": amount})


@require_POST
def transfer_safe(request):
    amount = int(request.POST.get("amount", "0"))
    return JsonResponse({"moved": amount})  #@safe


def ping(request):
    origin = request.headers.get("Origin", "")
    resp = HttpResponse("pong", content_type="text/plain")
    resp["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
    resp["Access-Control-Allow-Credentials"] = "true"
    return resp


def ping_safe(request):
    resp = HttpResponse("pong", content_type="text/plain")
    resp["Access-Control-Allow-Origin"] = "https://app.example.com"  #@safe
    return resp
