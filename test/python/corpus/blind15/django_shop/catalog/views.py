import os

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import services
from .models import Product
from .serializers import ImageImportSerializer, ProductSerializer


class ProductViewSet(viewsets.ModelViewSet):
    queryset = Product.objects.select_related("category").all()
    serializer_class = ProductSerializer

    @action(detail=False, methods=["get"])
    def search(self, request):
        term = request.query_params.get("q", "")
        order = request.query_params.get("order", "name")
        return Response(services.search_products(term, order))

    @action(detail=False, methods=["get"])
    def category(self, request):
        slug = request.query_params.get("slug", "")
        return Response(services.products_in_category(slug))

    @action(detail=False, methods=["get"], url_path="price-above")
    def price_above(self, request):
        qs = services.products_above(request.query_params.get("min", "0"))
        return Response(ProductSerializer(qs, many=True).data)

    @action(detail=True, methods=["post"], url_path="import-image")
    def import_image(self, request, pk=None):
        product = self.get_object()
        ser = ImageImportSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        path = services.fetch_product_image(product.sku, ser.validated_data["url"])
        return Response({"path": str(path)}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="sync-feed")
    def sync_feed(self, request, pk=None):
        product = self.get_object()
        try:
            data = services.fetch_supplier_feed(request.data.get("feed_url", ""))
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        product.stock = data.get("stock", product.stock)
        product.save(update_fields=["stock"])
        return Response({"stock": product.stock})


class ReceiptView(View):
    def get(self, request, order_id):
        note = request.GET.get("note", "")
        html = f"<h1>Receipt #{order_id}</h1><p class='note'>{note}</p>"
        return HttpResponse(html)  #@vuln CWE-79


class GreetingView(View):
    def get(self, request):
        name = request.GET.get("name", "guest")
        return HttpResponse(format_html("<p>Welcome back, {}</p>", name))  #@safe


class ContinueShoppingView(View):
    def get(self, request):
        target = request.GET.get("next", "/")
        return HttpResponseRedirect(target)  #@vuln CWE-601


class LoginCompleteView(View):
    def get(self, request):
        target = request.GET.get("next", "/")
        allowed = url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        if not allowed:
            target = "/"
        return redirect(target)  #@safe


class InvoiceDownloadView(View):
    def get(self, request):
        name = request.GET.get("file", "")
        path = os.path.join(settings.INVOICE_DIR, name)
        return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


class StatementDownloadView(View):
    def get(self, request):
        path = services.resolve_statement(request.GET.get("file", ""))
        if path is None:
            raise Http404("statement not found")
        return FileResponse(open(path, "rb"), as_attachment=True)  #@safe
