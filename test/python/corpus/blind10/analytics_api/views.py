"""REST endpoints for analytics dashboards, reports, share links and exports."""
import logging
import os
import secrets

from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Dashboard, Report, Widget
from .serializers import DashboardSerializer, ReportSerializer

logger = logging.getLogger(__name__)

EXPORT_DIR = getattr(settings, "ANALYTICS_EXPORT_DIR", "/srv/analytics/exports")
SORTABLE_COLUMNS = {"created": "created_at", "name": "title", "owner": "owner_id"}


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        qs = Report.objects.filter(workspace=self.request.user.workspace)
        region = self.request.query_params.get("region")
        if region:
            qs = qs.extra(where=["region_code = '%s'" % region])  #@vuln CWE-89
        return qs

    @action(detail=False, methods=["get"])
    def search(self, request):
        term = request.query_params.get("q", "")
        sort_key = SORTABLE_COLUMNS.get(request.query_params.get("sort"), "created_at")
        sql = "SELECT * FROM analytics_report WHERE workspace_id = %s AND title ILIKE %s ORDER BY " + sort_key
        rows = Report.objects.raw(sql, [request.user.workspace_id, f"%{term}%"])  #@safe
        return Response(ReportSerializer(rows, many=True).data)

    @action(detail=False, methods=["get"], url_path="by-tag")
    def by_tag(self, request):
        tag = request.query_params.get("tag", "")
        query = (
            "SELECT r.* FROM analytics_report r JOIN analytics_tag t ON t.report_id = r.id "
            f"WHERE r.workspace_id = {request.user.workspace_id} AND t.label = '{tag}'"
        )
        rows = Report.objects.raw(query)  #@vuln CWE-89
        return Response(ReportSerializer(rows, many=True).data)

    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        report = self.get_object()
        subtitle = request.query_params.get("subtitle", "")
        body = f"<html><body><h1>{report.title}</h1><h2>{subtitle}</h2></body></html>"
        return HttpResponse(body)  #@vuln CWE-79

    @action(detail=True, methods=["get"])
    def summary(self, request, pk=None):
        report = self.get_object()
        note = request.query_params.get("note", "")
        fragment = format_html("<section><h1>{}</h1><p>{}</p></section>", report.title, note)
        return HttpResponse(fragment)  #@safe


class WidgetStatsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request, widget_id):
        metric = request.query_params.get("metric", "views")
        with connection.cursor() as cursor:
            cursor.execute(  #@safe
                "SELECT day, SUM(value) FROM analytics_metric "
                "WHERE widget_id = %s AND metric = %s GROUP BY day ORDER BY day",
                [widget_id, metric],
            )
            rows = cursor.fetchall()
        return Response([{"day": day.isoformat(), "value": value} for day, value in rows])


class DashboardViewSet(viewsets.ModelViewSet):
    serializer_class = DashboardSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Dashboard.objects.filter(owner=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dashboard = serializer.save(owner=request.user)  #@safe
        return Response(self.get_serializer(dashboard).data, status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["post"], url_path="import")
    def import_layout(self, request):
        fields = {key: value for key, value in request.data.items() if key != "widgets"}
        dashboard = Dashboard.objects.create(owner=request.user, **fields)  #@vuln CWE-915
        for spec in request.data.get("widgets", []):
            Widget.objects.create(dashboard=dashboard, kind=spec.get("kind", "chart"), title=spec.get("title", ""))
        logger.info("imported dashboard %s for %s", dashboard.pk, request.user.pk)
        return Response(self.get_serializer(dashboard).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def banner(self, request, pk=None):
        dashboard = self.get_object()
        message = request.query_params.get("message", dashboard.description)
        return HttpResponse(mark_safe(f'<div class="banner">{message}</div>'))  #@vuln CWE-79

    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        dashboard = self.get_object()
        token = secrets.token_urlsafe(24)
        dashboard.share_tokens.create(token=token, created_by=request.user)
        response = Response({"share_url": f"/share/{dashboard.pk}"})
        response.set_cookie("analytics_share", token, max_age=7 * 86400)  #@vuln CWE-614|CWE-1004
        return response

    @action(detail=True, methods=["post"], url_path="share-private")
    def share_private(self, request, pk=None):
        dashboard = self.get_object()
        token = secrets.token_urlsafe(24)
        dashboard.share_tokens.create(token=token, created_by=request.user, private=True)
        response = Response({"share_url": f"/share/{dashboard.pk}"})
        response.set_cookie("analytics_share", token, max_age=3600, secure=True, httponly=True, samesite="Lax")  #@safe
        return response


class OAuthReturnView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        return_to = request.query_params.get("return_to", "/dashboards/")
        return HttpResponseRedirect(return_to)  #@vuln CWE-601


class LoginNextView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        target = request.query_params.get("next", "/dashboards/")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            target = "/dashboards/"
        return HttpResponseRedirect(target)  #@safe


class ExportDownloadView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        name = request.query_params.get("file", "")
        path = os.path.join(EXPORT_DIR, request.user.workspace.slug, name)
        if not os.path.exists(path):
            raise Http404("export not found")
        return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


class ArchiveDownloadView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request, name):
        base = os.path.realpath(os.path.join(EXPORT_DIR, request.user.workspace.slug, "archive"))
        candidate = os.path.realpath(os.path.join(base, os.path.basename(name)))
        if not candidate.startswith(base + os.sep) or not os.path.isfile(candidate):
            raise Http404("archive not found")
        return FileResponse(open(candidate, "rb"), as_attachment=True)  #@safe
