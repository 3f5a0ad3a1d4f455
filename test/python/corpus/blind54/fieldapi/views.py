import ast
import os
import re

from django.conf import settings
from django.db.models import Count
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agrocore.paths import resolve_inside
from fieldapi.models import Crop, Field, SprayRecord, WeatherStation, Webhook
from fieldapi.serializers import (
    CropSerializer,
    FieldSerializer,
    ReportRequestSerializer,
    SprayRecordSerializer,
    WeatherStationSerializer,
    WebhookSerializer,
    YieldEstimateSerializer,
)
from fieldjobs.reports import build_yield_report
from fieldjobs.satellite import compute_ndvi


class FarmScopedMixin:
    def farm_ids(self):
        return list(self.request.user.farms.values_list("id", flat=True))


class FieldViewSet(FarmScopedMixin, viewsets.ModelViewSet):
    serializer_class = FieldSerializer

    def get_queryset(self):
        qs = Field.objects.filter(farm_id__in=self.farm_ids()).annotate(crop_count=Count("crops"))
        soil = self.request.query_params.get("soil_type")
        if soil:
            qs = qs.filter(soil_type=soil)
        min_area = self.request.query_params.get("min_area")
        if min_area:
            qs = qs.extra(where=[f"area_ha >= {min_area}"])  #@vuln CWE-89
        return qs

    @action(detail=False)
    def search(self, request):
        term = request.query_params.get("q", "")
        farm_ids = ",".join(str(i) for i in self.farm_ids()) or "0"
        rows = Field.objects.raw(  #@vuln CWE-89
            f"SELECT * FROM fields_field WHERE farm_id IN ({farm_ids}) AND name ILIKE '%%{term}%%'"
        )
        return Response(FieldSerializer(list(rows), many=True).data)

    @action(detail=True)
    def neighbours(self, request, pk=None):
        radius = float(request.query_params.get("radius_m", "500"))
        rows = Field.objects.raw(  #@safe
            "SELECT b.* FROM fields_field a JOIN fields_field b "
            "ON ST_DWithin(a.boundary::geography, b.boundary::geography, %s) "
            "WHERE a.id = %s AND b.id <> a.id AND b.farm_id = ANY(%s)",
            [radius, pk, self.farm_ids()],
        )
        return Response(FieldSerializer(list(rows), many=True).data)

    @action(detail=True, methods=["post"])
    def ndvi(self, request, pk=None):
        field = self.get_object()
        scene = request.data.get("scene_id")
        output = request.data.get("output_name", f"ndvi_{field.id}")
        job = compute_ndvi.delay(field.id, scene, output)
        return Response({"task_id": job.id}, status=status.HTTP_202_ACCEPTED)


class CropViewSet(FarmScopedMixin, viewsets.ModelViewSet):
    serializer_class = CropSerializer

    def get_queryset(self):
        qs = Crop.objects.filter(field__farm_id__in=self.farm_ids())
        season = self.request.query_params.get("season")
        if season:
            qs = qs.annotate(
                total_sprayed_l=RawSQL(  #@vuln CWE-89
                    "SELECT COALESCE(SUM(s.rate_l_ha), 0) FROM fields_sprayrecord s "
                    "WHERE s.crop_id = crops_crop.id AND crops_crop.season = '%s'" % season,
                    [],
                )
            )
        return qs

    @action(detail=True, methods=["post"])
    def estimate_yield(self, request, pk=None):
        crop = self.get_object()
        payload = YieldEstimateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        variables = {
            "base": crop.expected_yield_t_ha,
            "area": float(crop.field.area_ha),
            "moisture": payload.validated_data["moisture_pct"],
        }
        estimate = eval(payload.validated_data["formula"], {"__builtins__": {}}, variables)  #@vuln CWE-95
        return Response({"crop": crop.id, "estimate_t": round(float(estimate), 2)})

    @action(detail=True, methods=["post"])
    def thresholds(self, request, pk=None):
        crop = self.get_object()
        raw = request.data.get("thresholds", "{}")
        parsed = ast.literal_eval(raw)  #@safe
        if not isinstance(parsed, dict):
            return Response({"detail": "thresholds must be a mapping"}, status=400)
        return Response({"crop": crop.id, "thresholds": parsed})

    @action(detail=False, methods=["post"])
    def report(self, request):
        body = ReportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        farm_id = request.query_params.get("farm") or self.farm_ids()[0]
        job = build_yield_report.delay(int(farm_id), body.validated_data["season"], dict(body.validated_data))
        return Response({"task_id": job.id}, status=status.HTTP_202_ACCEPTED)


class SprayRecordViewSet(FarmScopedMixin, viewsets.ModelViewSet):
    serializer_class = SprayRecordSerializer

    def get_queryset(self):
        return SprayRecord.objects.filter(crop__field__farm_id__in=self.farm_ids()).select_related("operator")

    def perform_create(self, serializer):
        serializer.save(operator=self.request.user)

    @action(detail=False)
    def product_label(self, request):
        name = request.query_params.get("file", "")
        path = os.path.join(settings.LABEL_ROOT, name)
        if not os.path.isfile(path):
            raise Http404("label not found")
        return FileResponse(open(path, "rb"), content_type="application/pdf")  #@vuln CWE-22

    @action(detail=True)
    def attachment(self, request, pk=None):
        record = self.get_object()
        try:
            path = resolve_inside(settings.ATTACHMENT_ROOT, record.attachment_name)
        except ValueError:
            raise Http404("attachment not found")
        return FileResponse(open(path, "rb"), as_attachment=True)  #@safe

    @action(detail=False)
    def match(self, request):
        pattern = request.query_params.get("pattern", "")
        matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
        names = self.get_queryset().values_list("product_name", flat=True).distinct()
        return Response([n for n in names if matcher.search(n)])

    @action(detail=False)
    def ingredient(self, request):
        term = request.query_params.get("term", "")
        matcher = re.compile(re.escape(term), re.IGNORECASE)  #@safe
        rows = self.get_queryset().values_list("active_ingredient", flat=True).distinct()
        return Response([r for r in rows if matcher.search(r)])


class WeatherStationViewSet(FarmScopedMixin, viewsets.ModelViewSet):
    serializer_class = WeatherStationSerializer

    def get_queryset(self):
        return WeatherStation.objects.filter(farm_id__in=self.farm_ids())


class WebhookViewSet(FarmScopedMixin, viewsets.ModelViewSet):
    serializer_class = WebhookSerializer

    def get_queryset(self):
        return Webhook.objects.filter(farm_id__in=self.farm_ids())


def field_summary(request, pk):
    field = get_object_or_404(Field, pk=pk, farm__members=request.user)
    note = request.GET.get("note", "")
    html = (
        f"<html><body><h2>{escape(field.name)}</h2>"
        f"<p>{field.area_ha} ha &middot; {escape(field.soil_type)}</p>"
        f"<p class='note'>{note}</p></body></html>"
    )
    return HttpResponse(html)  #@vuln CWE-79


def crop_badge(request):
    label = request.GET.get("label", "")
    return HttpResponse(format_html("<span class='badge'>{}</span>", label))  #@safe


def spray_sheet(request, pk):
    record = get_object_or_404(SprayRecord, pk=pk, crop__field__farm__members=request.user)
    context = {
        "record": record,
        "notes_html": mark_safe(record.operator_notes.replace("\n", "<br>")),  #@vuln CWE-79
    }
    return render(request, "fieldapi/spray_sheet.html", context)


def after_login(request):
    target = request.GET.get("next", "/fields/")
    return redirect(target)  #@vuln CWE-601


def after_logout(request):
    target = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=True):
        return redirect(target)  #@safe
    return redirect("/")
