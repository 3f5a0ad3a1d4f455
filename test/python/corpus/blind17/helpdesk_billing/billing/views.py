import os

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .models import Invoice, WebhookEndpoint
from .serializers import InvoiceSerializer, WebhookEndpointSerializer


class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InvoiceSerializer

    def get_queryset(self):
        return Invoice.objects.filter(tenant=self.request.user.tenant)

    @action(detail=False, methods=["get"])
    def customer(self, request):
        invoices = selectors.invoices_for_customer(request.user.tenant_id, request.query_params["ref"])
        return Response(InvoiceSerializer(invoices, many=True).data)

    @action(detail=False, methods=["get"])
    def converted(self, request):
        qs = selectors.with_converted_total(self.get_queryset(), request.query_params.get("currency", "USD"))
        return Response(list(qs.values("number", "converted_cents")))

    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        invoice = self.get_object()
        note = request.query_params.get("note", invoice.notes)
        html = render_to_string(
            "billing/invoice_preview.html",
            {"invoice": invoice, "note": mark_safe(note)},  #@vuln CWE-79
        )
        return HttpResponse(html)

    @action(detail=True, methods=["get"])
    def badge(self, request, pk=None):
        invoice = self.get_object()
        label = request.query_params.get("label", invoice.status)
        return HttpResponse(format_html('<span class="badge">{} &middot; {}</span>', invoice.number, label))  #@safe

    @action(detail=False, methods=["get"])
    def download(self, request):
        filename = request.query_params["file"]
        path = os.path.join(settings.INVOICE_ROOT, filename)
        return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22

    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        invoice = self.get_object()
        root = os.path.realpath(settings.INVOICE_ROOT)
        path = os.path.realpath(os.path.join(root, os.path.basename(invoice.pdf_name)))
        if os.path.commonpath([root, path]) != root or not os.path.isfile(path):
            raise Http404("No PDF for this invoice")
        return FileResponse(open(path, "rb"), as_attachment=True, filename=f"{invoice.number}.pdf")  #@safe


class WebhookEndpointViewSet(viewsets.ModelViewSet):
    serializer_class = WebhookEndpointSerializer

    def get_queryset(self):
        return WebhookEndpoint.objects.filter(tenant=self.request.user.tenant)

    def perform_create(self, serializer):
        serializer.save(tenant=self.request.user.tenant, secret=os.urandom(16).hex())

    @action(detail=True, methods=["post"])
    def ping(self, request, pk=None):
        code = services.deliver_webhook(self.get_object(), {"type": "ping"})
        return Response({"status_code": code})
