"""Public open data API (Django REST framework).

Anonymous read access to aggregated, de-identified case statistics; partners with a
signed token can register webhooks for new dataset releases.
"""
import json
import os

import jwt
import requests
from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django_filters.rest_framework import DjangoFilterBackend
from pymongo import MongoClient
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from backoffice.models import Application
from civic_common import crypto

from .filters import ApplicationFilter

TIMESERIES_INTERVALS = {"day", "week", "month", "quarter", "year"}
_mongo = MongoClient(settings.AUDIT_MONGO_URI)["opendata"]


class ApplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Application
        fields = ["reference", "service", "status", "ward_code", "created_at"]


class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Application.objects.all().order_by("-created_at")
    serializer_class = ApplicationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ApplicationFilter
    permission_classes = [AllowAny]


router = DefaultRouter()
router.register("applications", ApplicationViewSet)


def _partner_claims(request):
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise AuthenticationFailed("partner token required")
    try:
        return jwt.decode(header[7:], settings.PARTNER_JWT_KEY, algorithms=["HS256"], audience="opendata") #@safe
    except jwt.PyJWTError as exc:
        raise AuthenticationFailed(str(exc))


@api_view(["GET"])
@permission_classes([AllowAny])
def stats(request):
    group_by = request.query_params.get("group_by", "service")
    with connection.cursor() as cur:
        cur.execute(f"SELECT {group_by} AS bucket, count(*) AS n FROM cases WHERE status <> 'awaiting_info' GROUP BY {group_by} ORDER BY n DESC") #@vuln CWE-89
        rows = [{"bucket": b, "count": n} for b, n in cur.fetchall()]
    callback = request.query_params.get("callback")
    if callback:
        # JSONP for the ward councillors' old WordPress sites
        return HttpResponse(f"{callback}({json.dumps(rows, default=str)});", content_type="application/javascript") #@vuln CWE-79
    return Response(rows)


@api_view(["GET"])
@permission_classes([AllowAny])
def timeseries(request):
    interval = request.query_params.get("interval", "month")
    if interval not in TIMESERIES_INTERVALS:
        return Response({"error": "bad interval"}, status=status.HTTP_400_BAD_REQUEST)
    with connection.cursor() as cur:
        cur.execute("SELECT date_trunc(%s, created_at) AS period, service, count(*) FROM cases GROUP BY 1, 2 ORDER BY 1", [interval]) #@safe
        rows = [{"period": p, "service": s, "count": n} for p, s, n in cur.fetchall()]
    return Response(rows)


@api_view(["GET"])
@permission_classes([AllowAny])
def dataset(request):
    name = request.query_params.get("name", "")
    fmt = request.query_params.get("format", "csv")
    if fmt == "metadata":
        try:
            meta_path = safe_join(settings.OPEN_DATA_DIR, "metadata", name + ".json")
        except Exception:
            raise Http404
        with open(meta_path) as fh: #@safe
            return Response(json.load(fh))
    path = os.path.join(settings.OPEN_DATA_DIR, f"{name}.{fmt}")
    if not os.path.exists(path):
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True) #@vuln CWE-22


@api_view(["GET"])
@permission_classes([AllowAny])
def embed(request):
    """Small HTML widget that councillors embed in their ward pages."""
    ward = request.query_params.get("ward", "")
    title = request.query_params.get("title", "Applications in your ward")
    count = Application.objects.filter(ward_code=ward).count()
    return HttpResponse(f"<div class='od-widget'><h3>{title}</h3><p>{count} applications this year</p></div>") #@vuln CWE-79


@api_view(["POST"])
@permission_classes([AllowAny])
def webhook_subscribe(request):
    claims = _partner_claims(request)
    url = request.data.get("url", "")
    secret = crypto.password_reset_token()
    body = json.dumps({"event": "ping", "partner": claims["sub"]}).encode()
    ping = requests.post(url, data=body, headers={"X-Signature": crypto.sign_webhook(body, secret.encode())}, timeout=5) #@vuln CWE-918
    _mongo.webhooks.insert_one({"partner": claims["sub"], "url": url, "secret": crypto.encrypt_field(secret), "verified": ping.ok})
    return Response({"secret": secret, "ping_status": ping.status_code}, status=status.HTTP_201_CREATED)


@api_view(["GET", "POST"])
@permission_classes([AllowAny])
def aggregates(request):
    """Pre-computed aggregates published by the nightly job (stored in Mongo)."""
    coll = _mongo.aggregates
    if request.method == "POST":
        # advanced query builder on the data portal posts a Mongo-style filter document
        query = json.loads(request.body or b"{}").get("filter", {})
        docs = list(coll.find(query, {"_id": 0}).limit(1000)) #@vuln CWE-943
    else:
        ward = request.query_params.get("ward")
        query = {"ward": str(ward)} if ward else {}
        docs = list(coll.find(query, {"_id": 0}).limit(1000)) #@safe
    return Response(docs)
