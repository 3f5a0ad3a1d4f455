import ast
import logging
import re

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response

from catalog import services
from catalog.models import Product
from catalog.serializers import (
    ImageFetchSerializer,
    PriceQuoteSerializer,
    ProductSerializer,
    ThumbnailRequestSerializer,
)

log = logging.getLogger(__name__)


class ProductViewSet(viewsets.ModelViewSet):
    serializer_class = ProductSerializer
    queryset = Product.objects.select_related("supplier")

    def get_queryset(self):
        qs = super().get_queryset()
        category = self.request.query_params.get("category")
        if category:
            qs = Product.objects.raw(f"SELECT * FROM catalog_product WHERE category = '{category}' ORDER BY name")  #@vuln CWE-89
            return qs
        brand = self.request.query_params.get("brand")
        if brand:
            qs = Product.objects.raw("SELECT * FROM catalog_product WHERE brand = %s ORDER BY name", [brand])  #@safe
        return qs

    @action(detail=False, methods=["get"])
    def search(self, request):
        q = request.query_params.get("q", "")
        qs = Product.objects.extra(where=["name ILIKE '%%" + q + "%%' OR description ILIKE '%%" + q + "%%'"])  #@vuln CWE-89
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(ProductSerializer(page, many=True).data)

    @action(detail=False, methods=["get"], url_path="by-sku")
    def by_sku(self, request):
        sku = request.query_params.get("sku", "")
        with connection.cursor() as cur:
            cur.execute("SELECT id, name, price FROM catalog_product WHERE sku = %s", [sku])  #@safe
            row = cur.fetchone()
        if not row:
            return Response(status=status.HTTP_404_NOT_FOUND)
        return Response({"id": row[0], "name": row[1], "price": str(row[2])})

    @action(detail=False, methods=["get"], url_path="price-history")
    def price_history(self, request):
        sku = request.query_params.get("sku", "")
        days = request.query_params.get("days", "30")
        with connection.cursor() as cur:
            cur.execute("SELECT day, price FROM catalog_pricehistory WHERE sku = '%s' AND day > now() - interval '%s days' ORDER BY day" % (sku, days))  #@vuln CWE-89
            rows = cur.fetchall()
        return Response([{"day": d, "price": str(p)} for d, p in rows])

    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        product = self.get_object()
        headline = request.query_params.get("headline", product.name)
        html = "<html><body><h1>%s</h1><div>%s</div></body></html>" % (headline, product.description)
        return HttpResponse(html)  #@vuln CWE-79

    @action(detail=True, methods=["get"])
    def card(self, request, pk=None):
        product = self.get_object()
        badge = request.query_params.get("badge", "")
        html = format_html('<div class="card"><h2>{}</h2><span class="badge">{}</span></div>', product.name, badge)  #@safe
        return HttpResponse(html)

    @action(detail=True, methods=["get"])
    def reviews_html(self, request, pk=None):
        product = self.get_object()
        items = "".join("<li><strong>%d/5</strong> %s</li>" % (r.rating, r.body) for r in product.reviews.all())
        return HttpResponse(mark_safe("<ul class='reviews'>" + items + "</ul>"))  #@vuln CWE-79

    @action(detail=True, methods=["get"])
    def reviews_fragment(self, request, pk=None):
        product = self.get_object()
        items = format_html_join("", "<li><strong>{}/5</strong> {}</li>", ((r.rating, r.body) for r in product.reviews.all()))  #@safe
        return HttpResponse(format_html("<ul class='reviews'>{}</ul>", items))

    @action(detail=True, methods=["get"], url_path="buy")
    def buy(self, request, pk=None):
        product = self.get_object()
        partner_url = request.query_params.get("partner") or "/products/%s/" % product.pk
        return HttpResponseRedirect(partner_url)  #@vuln CWE-601

    @action(detail=True, methods=["get"], url_path="back")
    def back(self, request, pk=None):
        nxt = request.query_params.get("next", "/")
        if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            nxt = "/"
        return HttpResponseRedirect(nxt)  #@safe

    @action(detail=True, methods=["post"])
    def thumbnail(self, request, pk=None):
        product = self.get_object()
        ser = ThumbnailRequestSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        content = services.download_trusted_image(product.image)
        path = services.store_and_thumbnail(product, content, ser.validated_data["size"])
        return Response({"thumbnail": path})

    @action(detail=True, methods=["post"], url_path="fetch-image")
    def fetch_image(self, request, pk=None):
        product = self.get_object()
        ser = ImageFetchSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        content = services.download_image(ser.validated_data["image_url"])
        path = services.store_and_thumbnail(product, content, ser.validated_data["size"])
        product.image = ser.validated_data["image_url"]
        product.save(update_fields=["image"])
        return Response({"thumbnail": path}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def quote(self, request, pk=None):
        product = self.get_object()
        ser = PriceQuoteSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        total = services.quote_price(product, ser.validated_data["quantity"], ser.validated_data.get("rule"))
        return Response({"total": str(total)})

    @action(detail=False, methods=["post"], url_path="rank-weights")
    def rank_weights(self, request):
        weights = ast.literal_eval(request.data.get("weights", "{}"))  #@safe
        if not isinstance(weights, dict):
            return Response({"detail": "weights must be a dict"}, status=400)
        request.session["rank_weights"] = {str(k): float(v) for k, v in weights.items()}
        return Response(request.session["rank_weights"])

    @action(detail=False, methods=["get"], url_path="match")
    def match(self, request):
        pattern = request.query_params.get("pattern", "")
        rx = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
        names = Product.objects.values_list("name", flat=True)[:5000]
        return Response([n for n in names if rx.search(n)])

    @action(detail=False, methods=["get"], url_path="suggest")
    def suggest(self, request):
        term = request.query_params.get("term", "")[:64]
        rx = re.compile(re.escape(term), re.IGNORECASE)  #@safe
        names = Product.objects.values_list("name", flat=True)[:5000]
        return Response([n for n in names if rx.search(n)][:20])

    @action(detail=False, methods=["post"], url_path="import-feed", permission_classes=[IsAdminUser])
    def import_feed(self, request):
        items = services.parse_supplier_feed(request.body)
        created = 0
        for item in items:
            _, was_created = Product.objects.update_or_create(sku=item["sku"], defaults={"name": item["name"], "price": item["price"]})
            created += int(was_created)
        return Response({"received": len(items), "created": created})

    @action(detail=False, methods=["post"], url_path="import-prices", permission_classes=[IsAdminUser])
    def import_prices(self, request):
        prices = services.parse_price_list(request.body)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
        return Response({"updated": len(prices)})


class SupplierContactView(viewsets.ViewSet):
    def list(self, request):
        uid = request.query_params.get("uid", "")
        entries = services.find_supplier_contacts(uid)
        return Response([{k: [v.decode() for v in vals] for k, vals in attrs.items()} for _, attrs in entries])

    def retrieve(self, request, pk=None):
        entries = services.find_supplier_by_code(pk)
        return Response([dn for dn, _ in entries])

