import os

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.html import escape
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import exporters, formulas, renderers
from .models import Report
from .tasks import push_report


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Report
        fields = ["id", "title", "description", "metric_expression", "threshold", "created_at"]


class ReportViewSet(viewsets.ModelViewSet):
    serializer_class = ReportSerializer

    def get_queryset(self):
        return Report.objects.filter(tenant=self.request.user.tenant).prefetch_related("rows")

    def perform_create(self, serializer):
        serializer.save(tenant=self.request.user.tenant)

    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        report = self.get_object()
        expression = request.data.get("expression") or report.metric_expression
        threshold = formulas.parse_threshold(report.threshold)
        results = [formulas.evaluate_metric(expression, row.as_dict()) for row in report.rows.all()]
        exporters.snapshot_results(report.pk, results)
        return Response([
            {"label": r.label, "value": r.value, "breached": formulas.breached(r, threshold)} for r in results
        ])

    @action(detail=True, methods=["get"])
    def header(self, request, pk=None):
        report = self.get_object()
        subtitle = request.query_params.get("subtitle", "")
        return HttpResponse(renderers.render_header(report.title, subtitle))

    @action(detail=True, methods=["get"])
    def title_card(self, request, pk=None):
        report = self.get_object()
        period = request.query_params.get("period", "this month")
        return HttpResponse(f"<div class='card'><h2>{report.title}</h2><small>{period}</small></div>")  #@vuln CWE-79

    @action(detail=True, methods=["get"])
    def search(self, request, pk=None):
        report = self.get_object()
        term = request.query_params.get("q", "")
        found = term.lower() in report.description.lower()
        return HttpResponse("<p>Results for <b>" + escape(term) + "</b>: " + ("1" if found else "0") + "</p>")  #@safe

    @action(detail=True, methods=["get"])
    def highlighted(self, request, pk=None):
        report = self.get_object()
        body = renderers.highlight(report.description, request.query_params.get("q", ""))
        return HttpResponse(body + renderers.caption(report.title))

    @action(detail=False, methods=["get"])
    def export_file(self, request):
        name = request.query_params["name"]
        return FileResponse(open(os.path.join(settings.REPORT_EXPORT_DIR, name), "rb"))  #@vuln CWE-22

    @action(detail=False, methods=["get"])
    def archived(self, request):
        root = os.path.realpath(settings.REPORT_EXPORT_DIR)
        path = os.path.realpath(os.path.join(root, "archive", os.path.basename(request.query_params["name"])))
        if not path.startswith(root + os.sep) or not os.path.exists(path):
            raise Http404()
        return FileResponse(open(path, "rb"), as_attachment=True)  #@safe

    @action(detail=True, methods=["post"])
    def push(self, request, pk=None):
        push_report.delay(self.get_object().pk, request.data["target_url"])
        return Response({"queued": True}, status=202)
