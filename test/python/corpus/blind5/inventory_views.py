"""Inventory app views (Django + DRF)."""
import json

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Product, Supplier, StockMovement

SORTABLE = {"name", "sku", "quantity", "-quantity"}


@login_required
def product_search(request):
    term = request.GET.get("q", "")
    products = Product.objects.raw(  #@vuln CWE-89
        "SELECT * FROM inventory_product WHERE name ILIKE '%%" + term + "%%'"
    )
    return JsonResponse({"results": [p.sku for p in products]})


@login_required
def product_search_safe(request):
    term = request.GET.get("q", "")
    products = Product.objects.raw("SELECT * FROM inventory_product WHERE name ILIKE %s", [f"%{term}%"])  #@safe
    return JsonResponse({"results": [p.sku for p in products]})


@login_required
def low_stock(request):
    threshold = request.GET.get("threshold", "5")
    qs = Product.objects.extra(where=[f"quantity < {threshold}"])  #@vuln CWE-89
    return JsonResponse({"skus": list(qs.values_list("sku", flat=True))})


@login_required
def product_list(request):
    order = request.GET.get("order", "name")
    if order not in SORTABLE:
        order = "name"
    qs = Product.objects.order_by(order)  #@safe
    return JsonResponse({"skus": list(qs.values_list("sku", flat=True))})


@login_required
def products_with_margin(request):
    factor = request.GET.get("factor", "1.2")
    qs = Product.objects.annotate(price_with_margin=RawSQL("price * %s" % factor, []))  #@vuln CWE-89
    return JsonResponse({"rows": list(qs.values("sku", "price_with_margin"))})


@login_required
def movement_report(request, warehouse):
    with connection.cursor() as cursor:
        cursor.execute(  #@vuln CWE-89
            "SELECT sku, SUM(delta) FROM inventory_stockmovement WHERE warehouse = '%s' GROUP BY sku" % warehouse
        )
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


@login_required
def movement_report_safe(request, warehouse):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sku, SUM(delta) FROM inventory_stockmovement WHERE warehouse = %s GROUP BY sku", [warehouse])  #@safe
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def product_label(request, sku):
    product = get_object_or_404(Product, sku=sku)
    caption = request.GET.get("caption", "")
    return HttpResponse(f"<div class='label'><b>{product.name}</b><p>{caption}</p></div>")  #@vuln CWE-79


def product_label_safe(request, sku):
    product = get_object_or_404(Product, sku=sku)
    caption = request.GET.get("caption", "")
    return HttpResponse(format_html("<div class='label'><b>{}</b><p>{}</p></div>", product.name, caption))  #@safe


class SupplierNoteView(View):
    def get(self, request, pk):
        supplier = get_object_or_404(Supplier, pk=pk)
        note = request.GET.get("note", "")
        html = mark_safe("<blockquote>%s</blockquote>" % note)  #@vuln CWE-79
        return HttpResponse(f"<h2>{escape(supplier.name)}</h2>{html}")

    def post(self, request, pk):
        payload = json.loads(request.body or b"{}")
        supplier = Supplier.objects.create(**payload)  #@vuln CWE-915
        return JsonResponse({"id": supplier.pk}, status=201)


class SupplierUpdateView(View):
    ALLOWED = ("name", "contact_email", "phone")

    def post(self, request, pk):
        payload = json.loads(request.body or b"{}")
        clean = {k: v for k, v in payload.items() if k in self.ALLOWED}
        Supplier.objects.filter(pk=pk).update(**clean)  #@safe
        return JsonResponse({"updated": True})


@api_view(["POST"])
def record_movement(request):
    movement = StockMovement(**request.data)  #@vuln CWE-915
    movement.save()
    Product.objects.filter(sku=movement.sku).update(quantity=F("quantity") + movement.delta)
    return Response({"id": movement.pk}, status=201)


@api_view(["GET"])
def warehouse_lookup(request):
    code = request.query_params.get("code", "")
    rows = Product.objects.raw("SELECT * FROM inventory_product WHERE warehouse_code = %s", [code])  #@safe
    return Response({"skus": [r.sku for r in rows]})


def after_import(request):
    next_url = request.GET.get("next", "/inventory/")
    return HttpResponseRedirect(next_url)  #@vuln CWE-601


def after_export(request):
    next_url = request.GET.get("next", "/inventory/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        next_url = "/inventory/"
    return HttpResponseRedirect(next_url)  #@safe
