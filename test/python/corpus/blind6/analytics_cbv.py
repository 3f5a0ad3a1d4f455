"""Analytics dashboards - Django class-based views and a DRF viewset."""
import hashlib
import hmac
import json
import os

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connections
from django.db.models import Count
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, JsonResponse
from django.template import Context, Template
from django.utils.decorators import method_decorator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView, TemplateView
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Dashboard, Event, Widget

WIDGET_KINDS = {"line", "bar", "pie"}


class EventListView(LoginRequiredMixin, ListView):
    model = Event
    paginate_by = 50

    def get_queryset(self):
        qs = super().get_queryset()
        source = self.request.GET.get("source")
        if source:
            qs = qs.extra(where=["source = '%s'" % source])  #@vuln CWE-89
        return qs


class EventSummaryView(LoginRequiredMixin, View):
    def get(self, request):
        bucket = request.GET.get("bucket", "day")
        qs = Event.objects.annotate(bucket=RawSQL(f"date_trunc('{bucket}', created_at)", ()))  #@vuln CWE-89
        data = list(qs.values("bucket").annotate(n=Count("id")))
        return JsonResponse({"data": data}, json_dumps_params={"default": str})


class EventSummaryV2View(LoginRequiredMixin, View):
    BUCKETS = {"hour", "day", "week", "month"}

    def get(self, request):
        bucket = request.GET.get("bucket", "day")
        if bucket not in self.BUCKETS:
            bucket = "day"
        qs = Event.objects.annotate(bucket=RawSQL("date_trunc(%s, created_at)", (bucket,)))  #@safe
        data = list(qs.values("bucket").annotate(n=Count("id")))
        return JsonResponse({"data": data}, json_dumps_params={"default": str})


class WarehouseQueryView(LoginRequiredMixin, View):
    def get(self, request):
        table = request.GET.get("table", "events_daily")
        with connections["warehouse"].cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM {}".format(table))  #@vuln CWE-89
            (count,) = cur.fetchone()
        return JsonResponse({"count": count})


class DashboardTitleView(LoginRequiredMixin, TemplateView):
    template_name = "analytics/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        subtitle = self.request.GET.get("subtitle", "")
        ctx["subtitle"] = mark_safe(f"<small>{subtitle}</small>")  #@vuln CWE-79
        ctx["subtitle_plain"] = mark_safe(f"<small>{conditional_escape(subtitle)}</small>")  #@safe
        return ctx


class WidgetPreviewView(LoginRequiredMixin, View):
    def post(self, request):
        body = json.loads(request.body)
        tpl = Template(body.get("template", "{{ value }}"))  #@vuln CWE-1336|CWE-94
        return HttpResponse(tpl.render(Context({"value": 42})))


class WidgetLegendView(LoginRequiredMixin, View):
    def get(self, request):
        label = request.GET.get("label", "")
        tpl = Template("<span class='legend'>{{ label }}</span>")
        return HttpResponse(tpl.render(Context({"label": label})))  #@safe


class WidgetErrorView(View):
    def get(self, request):
        kind = request.GET.get("kind", "")
        if kind not in WIDGET_KINDS:
            return HttpResponse("<p>Unknown widget kind: %s</p>" % kind, status=400)  #@vuln CWE-79
        return HttpResponse("ok")


@method_decorator(csrf_exempt, name="dispatch")
class IngestWebhookView(View):
    def post(self, request):
        sig = request.headers.get("X-Hub-Signature", "")
        expected = hmac.new(settings.INGEST_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, expected):  #@safe
            return HttpResponse(status=401)
        Event.objects.create(source="webhook", payload=json.loads(request.body))
        return HttpResponse(status=204)


@method_decorator(csrf_exempt, name="dispatch")
class LegacyIngestView(View):
    def post(self, request):
        sig = request.headers.get("X-Signature", "")
        expected = hashlib.md5((settings.INGEST_SECRET + request.body.decode()).encode()).hexdigest()  #@vuln CWE-327|CWE-328
        if sig != expected:
            return HttpResponse(status=401)
        return HttpResponse(status=204)


class WidgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Widget
        fields = ["id", "title", "kind", "dashboard"]


class WidgetViewSet(viewsets.ModelViewSet):
    queryset = Widget.objects.all()
    serializer_class = WidgetSerializer

    def create(self, request, *args, **kwargs):
        widget = Widget.objects.create(**request.data)  #@vuln CWE-915
        return Response({"id": widget.pk}, status=201)

    @action(detail=False, methods=["post"])
    def create_checked(self, request):
        ser = WidgetSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        widget = ser.save()  #@safe
        return Response({"id": widget.pk}, status=201)

    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        fname = request.query_params.get("file", f"{pk}.json")
        path = os.path.join(settings.MEDIA_ROOT, "widgets", fname)
        with open(path) as fh:  #@vuln CWE-22
            return Response(json.load(fh))


class DashboardViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Dashboard.objects.all()

    def list(self, request):
        owner = request.query_params.get("owner", "")
        rows = Dashboard.objects.raw("SELECT * FROM analytics_dashboard WHERE owner = %s", [owner])  #@safe
        return Response([{"id": d.pk, "title": d.title} for d in rows])
