"""DRF viewsets, Django class-based views and Celery tasks of the billing app."""
import os
import subprocess

from celery import shared_task
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse
from django.views.generic import ListView, View
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Invoice


class InvoiceFilterSerializer(serializers.Serializer):
    customer = serializers.CharField(max_length=64)
    order = serializers.CharField(max_length=32)


class InvoiceSearch(APIView):
    def post(self, request):
        ser = InvoiceFilterSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        customer = ser.validated_data["customer"]
        with connection.cursor() as cur:
            cur.execute(f"SELECT * FROM invoices WHERE customer = '{customer}'")  #@vuln CWE-89
            rows = cur.fetchall()
        return Response(rows)

    def get(self, request):
        customer = request.query_params.get("customer", "")
        with connection.cursor() as cur:
            cur.execute("SELECT * FROM invoices WHERE customer = %s", [customer])  #@safe
            rows = cur.fetchall()
        return Response(rows)


class InvoiceViewSet(viewsets.ViewSet):
    def retrieve(self, request, pk=None):
        qs = Invoice.objects.raw("SELECT * FROM invoices WHERE id = " + self.kwargs["pk"])  #@vuln CWE-89
        return Response([i.id for i in qs])

    def list(self, request):
        order = request.data.get("order", "id")
        qs = Invoice.objects.annotate(rank=RawSQL("SELECT rank FROM ranks WHERE key = '%s'" % order, []))  #@vuln CWE-89
        return Response([i.id for i in qs])


class InvoiceList(ListView):
    model = Invoice

    def get_queryset(self):
        status = self.request.GET.get("status", "open")
        return Invoice.objects.extra(where=["status = '%s'" % status])  #@vuln CWE-89


class InvoiceListSafe(ListView):
    model = Invoice

    def get_queryset(self):
        status = self.request.GET.get("status", "open")
        return Invoice.objects.filter(status=status)  #@safe


class InvoiceNote(View):
    def get(self, request, *args, **kwargs):
        note = request.GET.get("note", "")
        return HttpResponse("<p>" + note + "</p>")  #@vuln CWE-79


class InvoicePdf(View):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.template = request.GET.get("template", "default")

    def get(self, request, *args, **kwargs):
        subprocess.call("wkhtmltopdf /srv/tpl/%s.html out.pdf" % self.template, shell=True)  #@vuln CWE-78
        return HttpResponse(b"", content_type="application/pdf")


@shared_task
def archive_invoice(invoice_id, target_dir):
    # Task arguments are message data: whoever can enqueue a task controls them.
    subprocess.run(f"tar czf {target_dir}/inv-{invoice_id}.tgz /srv/invoices/{invoice_id}", shell=True)  #@vuln CWE-78


@shared_task
def purge_invoice(invoice_id):
    subprocess.run(["rm", "-rf", os.path.join("/srv/invoices", str(int(invoice_id)))])  #@safe
