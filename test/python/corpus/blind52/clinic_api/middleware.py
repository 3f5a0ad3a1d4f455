"""Request middleware for partner laboratories and the embeddable widget."""
import logging

import jwt
from django.http import JsonResponse

from vetnet_common.security import decode_partner_token, decode_staff_token

log = logging.getLogger(__name__)

WIDGET_ORIGINS = {
    "https://book.pawsnet.example",
    "https://www.pawsnet.example",
}


class PartnerTokenMiddleware:
    """Attach the lab partner / staff identity carried in the Authorization header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.partner = None
        request.staff_claims = None
        header = request.headers.get("Authorization", "")
        if header.startswith("Partner "):
            try:
                request.partner = decode_partner_token(header.split(" ", 1)[1])
            except jwt.InvalidTokenError:
                return JsonResponse({"detail": "invalid partner token"}, status=401)
        elif header.startswith("Bearer "):
            try:
                request.staff_claims = decode_staff_token(header.split(" ", 1)[1])
            except jwt.InvalidTokenError:
                return JsonResponse({"detail": "invalid token"}, status=401)
        elif "kiosk_token" in request.COOKIES:
            claims = jwt.decode(  #@vuln CWE-347
                request.COOKIES["kiosk_token"],
                options={"verify_signature": False, "verify_exp": False},
                algorithms=["HS256"],
            )
            request.staff_claims = claims
        return self.get_response(request)


class ClinicWidgetCorsMiddleware:
    """CORS for the booking widget served from clinic websites."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origin = request.headers.get("Origin")
        if request.path.startswith("/api/widget/") and origin:
            response["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
            response["Access-Control-Allow-Credentials"] = "true"
            response["Vary"] = "Origin"
        elif request.path.startswith("/api/public/") and origin in WIDGET_ORIGINS:
            response["Access-Control-Allow-Origin"] = origin  #@safe
            response["Access-Control-Allow-Credentials"] = "true"
            response["Vary"] = "Origin"
        return response
