"""Inventory app: stock item model/manager, forms and class-based views."""
import logging

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db import connection, models
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import DetailView, ListView, UpdateView

logger = logging.getLogger("inventory")

class StockItemManager(models.Manager):
    ORDERINGS = {"sku": "sku", "qty": "quantity", "updated": "updated_at"}

    def search(self, term: str):
        sql = f"SELECT * FROM inventory_stockitem WHERE name LIKE '%{term}%' ORDER BY sku"
        return self.raw(sql)  #@vuln CWE-89

    def by_sku(self, sku: str):
        return self.raw("SELECT * FROM inventory_stockitem WHERE sku = %s", [sku])  #@safe

    def in_warehouse(self, code: str):
        return self.get_queryset().extra(where=[f"warehouse_code = '{code}'"])  #@vuln CWE-89

    def low_stock(self, threshold: int, order: str):
        with connection.cursor() as cur:
            cur.execute("SELECT sku, quantity FROM inventory_stockitem "  #@vuln CWE-89
                        "WHERE quantity < %d ORDER BY %s" % (threshold, order))
            return cur.fetchall()

    def low_stock_sorted(self, threshold: int, order: str):
        column = self.ORDERINGS.get(order, "sku")
        with connection.cursor() as cur:
            cur.execute(f"SELECT sku, quantity FROM inventory_stockitem WHERE quantity < %s ORDER BY {column}", [threshold])  #@safe
            return cur.fetchall()

class StockItem(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    quantity = models.IntegerField(default=0)
    location = models.CharField(max_length=64, blank=True)
    warehouse_code = models.CharField(max_length=8)
    note = models.TextField(blank=True)
    unit_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    approved = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StockItemManager()

    class Meta:
        app_label = "inventory"

# --- forms ------------------------------------------------------------------
class StockItemEditForm(forms.ModelForm):
    class Meta:
        model = StockItem
        fields = "__all__"  #@vuln CWE-915

class StockCountForm(forms.ModelForm):
    class Meta:
        model = StockItem
        fields = ["quantity", "location", "note"]  #@safe

# --- mixins -----------------------------------------------------------------
class NextUrlMixin:
    default_next = "/inventory/"

    def get_next_url(self):
        candidate = self.request.GET.get("next") or self.request.POST.get("next")
        if candidate and url_has_allowed_host_and_scheme(
                candidate, allowed_hosts={self.request.get_host()},
                require_https=self.request.is_secure()):
            return candidate
        return self.default_next

class JsonErrorMixin:
    def json_error(self, message, status=400):
        logger.warning("inventory error: %s", message)
        return JsonResponse({"error": message}, status=status)

# --- views ------------------------------------------------------------------
class StockSearchView(LoginRequiredMixin, ListView):
    template_name = "inventory/search.html"

    def get_queryset(self):
        term = self.request.GET.get("q", "")
        if "wh" in self.request.GET:
            return StockItem.objects.in_warehouse(self.request.GET["wh"])
        return StockItem.objects.search(term)

    def render_to_response(self, context, **kwargs):
        if not context["object_list"]:
            q = self.request.GET.get("q", "")
            return HttpResponse(f"<p>No items matching <em>{q}</em></p>")  #@vuln CWE-79
        return super().render_to_response(context, **kwargs)

class LowStockView(LoginRequiredMixin, View):
    def get(self, request):
        threshold = int(request.GET.get("below", 5))
        rows = StockItem.objects.low_stock(threshold, request.GET.get("order", "sku"))
        return JsonResponse({"items": rows})

class StockDetailView(LoginRequiredMixin, DetailView):
    model = StockItem
    slug_field = "sku"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.object
        ctx["note_html"] = mark_safe(f"<span class='note'>{item.note}</span>")  #@vuln CWE-79
        ctx["name_html"] = format_html("<strong>{}</strong> ({})", item.name, item.sku)  #@safe
        ctx["empty_html"] = mark_safe("<em>%s</em>" % escape(item.location))  #@safe
        return ctx

class StockEditView(LoginRequiredMixin, NextUrlMixin, UpdateView):
    model = StockItem
    form_class = StockItemEditForm
    slug_field = "sku"

    def get_success_url(self):
        return self.get_next_url()

class StockAdjustView(LoginRequiredMixin, NextUrlMixin, JsonErrorMixin, View):
    ADJUSTABLE = ("quantity", "location")

    def post(self, request, sku):
        item = get_object_or_404(StockItem, sku=sku)
        for key in self.ADJUSTABLE:
            if key in request.POST:
                setattr(item, key, request.POST[key])  #@safe
        item.save()
        return HttpResponseRedirect(self.get_next_url())  #@safe

class StockBulkPatchView(LoginRequiredMixin, JsonErrorMixin, View):
    def post(self, request, sku):
        item = get_object_or_404(StockItem, sku=sku)
        for key, value in request.POST.items():
            if key != "csrfmiddlewaretoken":
                setattr(item, key, value)  #@vuln CWE-915
        item.save()
        return HttpResponseRedirect(request.GET.get("next", "/inventory/"))  #@vuln CWE-601

class StockImportView(PermissionRequiredMixin, JsonErrorMixin, View):
    permission_required = "inventory.add_stockitem"

    def post(self, request):
        data = request.POST.dict()
        data.pop("csrfmiddlewaretoken", None)
        item = StockItem.objects.create(**data)  #@vuln CWE-915
        return JsonResponse({"id": item.pk}, status=201)
