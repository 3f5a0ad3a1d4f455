import base64
import logging
import pickle

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView

from .forms import BulkRepriceForm, ProductSearchForm, ReviewForm
from .models import Product, Review

logger = logging.getLogger(__name__)

RECENT_COOKIE = "recently_viewed"


class ProductListView(ListView):
    template_name = "catalog/product_list.html"
    context_object_name = "products"
    paginate_by = 24

    def get_queryset(self):
        self.form = ProductSearchForm(self.request.GET or None)
        if not self.form.is_valid():
            return Product.objects.active().order_by("name")
        data = self.form.cleaned_data
        if data["q"] and data["category"]:
            return Product.objects.search_in_category(data["q"], data["category"])
        if data["q"]:
            return Product.objects.search(data["q"])
        if data["tag"]:
            return Product.objects.active().tagged(data["tag"])
        if data["sort"]:
            return Product.objects.sorted_raw(data["sort"])
        qs = Product.objects.active()
        if data["min_price"] is not None and data["max_price"] is not None:
            qs = qs.price_between(data["min_price"] * 100, data["max_price"] * 100)
        return qs.order_by("name")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        return ctx


class RankedSearchView(ListView):
    """Full-text search used by the storefront search box."""

    template_name = "catalog/search_results.html"
    context_object_name = "products"

    def get_queryset(self):
        return Product.objects.active().ranked(self.request.GET.get("q", ""))[:50]


class QuickSearchView(View):
    """Returns an HTML fragment for the header typeahead."""

    def get(self, request):
        q = request.GET.get("q", "").strip()
        products = list(Product.objects.active().filter(name__icontains=q)[:8])
        if not products:
            return HttpResponse(f"<p class='empty'>No results for <b>{q}</b></p>")  #@vuln CWE-79
        items = "".join(format_html('<li><a href="{}">{}</a></li>', p.get_absolute_url(), p.name) for p in products)  #@safe
        return HttpResponse(f"<ul class='typeahead'>{items}</ul><p class='hint'>Results for {escape(q)}</p>")  #@safe


class ProductDetailView(DetailView):
    template_name = "catalog/product_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return Product.objects.active().select_related("seller", "category")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["reviews"] = self.object.reviews.filter(approved=True).order_by("-created_at")[:20]
        ctx["review_form"] = ReviewForm()
        recent = []
        cookie = self.request.COOKIES.get(RECENT_COOKIE)
        if cookie:
            try:
                recent = pickle.loads(base64.urlsafe_b64decode(cookie))  #@vuln CWE-502
            except Exception:
                logger.debug("bad recently_viewed cookie", exc_info=True)
        ctx["recent"] = Product.objects.active().filter(pk__in=recent[:6])
        self._recent = [self.object.pk] + [pk for pk in recent if pk != self.object.pk][:9]
        return ctx

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.set_cookie(RECENT_COOKIE, base64.urlsafe_b64encode(pickle.dumps(self._recent)).decode(), max_age=30 * 86400)
        return response


class ReviewCreateView(LoginRequiredMixin, CreateView):
    model = Review
    form_class = ReviewForm
    template_name = "catalog/review_form.html"

    def form_valid(self, form):
        self.product = get_object_or_404(Product, slug=self.kwargs["slug"])
        form.instance.product = self.product
        form.instance.author = self.request.user
        messages.success(self.request, "Thanks! Your review is awaiting moderation.")
        return super().form_valid(form)

    def get_success_url(self):
        return self.request.POST.get("return_to") or self.product.get_absolute_url()  #@vuln CWE-601


class BulkRepriceView(PermissionRequiredMixin, FormView):
    permission_required = "catalog.change_product"
    form_class = BulkRepriceForm
    template_name = "catalog/bulk_reprice.html"
    success_url = reverse_lazy("catalog:bulk-reprice")

    def form_valid(self, form):
        updated = Product.objects.bulk_reprice(form.cleaned_data["skus"], form.cleaned_data["percent"])
        logger.info("bulk reprice by %s touched %d rows", self.request.user, updated)
        messages.success(self.request, f"{updated} products repriced.")
        return super().form_valid(form)


class LowStockView(PermissionRequiredMixin, View):
    permission_required = "catalog.view_product"

    def get(self, request):
        below = int(request.GET.get("below", 5))
        rows = Product.objects.low_stock(below, request.GET.get("order", "s.qty"))
        return JsonResponse({"items": [{"sku": s, "name": n, "qty": q} for s, n, q in rows]})


class SwitchStoreView(LoginRequiredMixin, View):
    def post(self, request):
        request.session["store_id"] = int(request.POST["store_id"])
        return HttpResponseRedirect(request.POST.get("next", "/"))  #@vuln CWE-601


class SetCurrencyView(View):
    def get(self, request):
        currency = request.GET.get("currency", "EUR")
        if currency in {"EUR", "GBP", "USD"}:
            request.session["currency"] = currency
        next_url = request.GET.get("next", "/")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            next_url = reverse("catalog:product-list")
        return redirect(next_url)  #@safe
