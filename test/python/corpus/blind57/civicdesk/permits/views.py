import base64
import os
import pickle

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.template import Context, Template
from django.utils import timezone
from lxml import etree
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from civicdesk.security import new_confirmation_code, receipt_checksum, sign_receipt
from common.helpers import evaluate_fee_formula, notice_html, safe_join_under
from core.models import Permit, PermitDocument
from workers.tasks import geocode_permit, render_permit_pdf

from . import repository
from .serializers import PermitImportSerializer, PermitSerializer, SitePlanSerializer

KML_NS = {"kml": "http://www.opengis.net/kml/2.2"}


class PermitViewSet(viewsets.ModelViewSet):
    serializer_class = PermitSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        qs = Permit.objects.select_related("resident").prefetch_related("documents")
        if not self.request.user.is_staff:
            qs = qs.filter(resident__user=self.request.user)
        return qs

    def perform_create(self, serializer):
        resident = self.request.user.resident
        permit = serializer.save(
            resident=resident,
            reference=f"P{timezone.now():%y%m}-{Permit.objects.count() + 1:05d}",
            confirmation_code=new_confirmation_code(),
        )
        geocode_permit.delay(permit.id, self.request.data.get("locator_url") or None)

    @action(detail=False, methods=["get"])
    def search(self, request):
        rows = repository.search_permits(
            status=request.query_params.get("status"),
            ward=request.query_params.get("ward"),
            order_by=request.query_params.get("sort", "created"),
        )
        return Response(rows)

    @action(detail=False, methods=["get"], url_path="by-street")
    def by_street(self, request):
        permits = repository.permits_on_street(request.query_params.get("street", ""))
        return Response(PermitSerializer(permits, many=True).data)

    @action(detail=False, methods=["get"], url_path="pending")
    def pending(self, request):
        wards = request.query_params.getlist("ward")
        return Response(PermitSerializer(repository.pending_in_wards(wards), many=True).data)

    @action(detail=False, methods=["get"], url_path="outstanding")
    def outstanding(self, request):
        qs = repository.with_outstanding_fees(request.query_params.get("category", "application"))
        return Response([{"reference": p.reference, "outstanding": p.outstanding_cents} for p in qs])

    @action(detail=True, methods=["get"])
    def attachment(self, request, pk=None):
        permit = self.get_object()
        filename = request.query_params.get("name", "")
        path = os.path.join(settings.PERMIT_UPLOAD_ROOT, str(permit.id), filename)
        if not os.path.exists(path):
            raise Http404("no such attachment")
        return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22

    @action(detail=True, methods=["get"], url_path=r"documents/(?P<doc_id>\d+)")
    def document(self, request, pk=None, doc_id=None):
        permit = self.get_object()
        doc = PermitDocument.objects.get(pk=doc_id, permit=permit)
        root = os.path.join(settings.PERMIT_UPLOAD_ROOT, str(permit.id))
        try:
            path = safe_join_under(root, doc.stored_name)
        except ValueError:
            raise Http404("document unavailable")
        return FileResponse(open(path, "rb"), filename=doc.original_name)  #@safe

    @action(detail=True, methods=["post"], url_path="fee-estimate")
    def fee_estimate(self, request, pk=None):
        permit = self.get_object()
        formula = request.data.get("formula", "base")
        variables = {
            "base": 7500,
            "sqft": float(request.data.get("sqft", 0)),
            "ward": permit.ward,
        }
        cents = int(evaluate_fee_formula(formula, variables))
        return Response({"fee_cents": cents})

    @action(detail=True, methods=["post"], url_path="notice-preview")
    def notice_preview(self, request, pk=None):
        permit = self.get_object()
        body = request.data.get("body", permit.notice_text)
        rendered = Template(body).render(Context({"permit": permit, "today": timezone.now()}))  #@vuln CWE-1336
        return Response({"html": rendered})

    @action(detail=True, methods=["get"], url_path="notice")
    def notice(self, request, pk=None):
        permit = self.get_object()
        return HttpResponse(notice_html(permit.reference, permit.notice_text))

    @action(detail=False, methods=["get"], url_path="badge")
    def badge(self, request):
        label = request.query_params.get("label", "Permit")
        colour = request.query_params.get("colour", "blue")
        html = f"<span class='badge badge-{colour}'>{label}</span>"
        return HttpResponse(html, content_type="text/html")  #@vuln CWE-79

    @action(detail=True, methods=["post"], url_path="site-plan-kml")
    def site_plan_kml(self, request, pk=None):
        permit = self.get_object()
        upload = request.FILES["kml"]
        parser = etree.XMLParser(resolve_entities=True, no_network=False)
        tree = etree.fromstring(upload.read(), parser)  #@vuln CWE-611
        coords = tree.findtext(".//kml:Point/kml:coordinates", namespaces=KML_NS)
        if coords:
            lon, lat = (float(c) for c in coords.strip().split(",")[:2])
            permit.latitude, permit.longitude = lat, lon
            permit.save(update_fields=["latitude", "longitude"])
        return Response({"latitude": permit.latitude, "longitude": permit.longitude})

    @action(detail=True, methods=["post"], url_path="site-plan")
    def site_plan(self, request, pk=None):
        serializer = SitePlanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data["plan"])

    @action(detail=False, methods=["post"], url_path="restore-draft")
    def restore_draft(self, request):
        blob = base64.b64decode(request.data.get("draft", ""))
        draft = pickle.loads(blob)  #@vuln CWE-502
        serializer = PermitSerializer(data=draft)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)

    @action(detail=False, methods=["post"], url_path="import")
    def bulk_import(self, request):
        serializer = PermitImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = []
        for row in serializer.validated_data["sheet"]:
            item = PermitSerializer(data=row)
            if item.is_valid():
                created.append(item.save(resident=request.user.resident).reference)
        return Response({"created": created}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="pdf")
    def pdf(self, request, pk=None):
        permit = self.get_object()
        job = render_permit_pdf.delay(permit.id, request.data.get("flyer_template", ""))
        return Response({"job": job.id}, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["get"], url_path="receipt")
    def receipt(self, request, pk=None):
        permit = self.get_object()
        return Response(
            {
                "reference": permit.reference,
                "amount_cents": permit.fee_cents,
                "check": receipt_checksum(permit.reference, permit.fee_cents),
                "signature": sign_receipt(permit.reference, permit.fee_cents),
            }
        )
