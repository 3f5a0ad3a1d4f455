"""Extra dashboard views bolted onto Oscar's dashboard app."""
import logging
import os
import re

import requests
from celery import current_app
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.http import (FileResponse, Http404, HttpResponse,
                         HttpResponseRedirect, JsonResponse)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from retail_common.crypto import generate_coupon_code

from . import repositories

log = logging.getLogger(__name__)

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Voucher = get_model("voucher", "Voucher")
User = get_user_model()


def queue_order_export(export_name, date_from, date_to, requested_by):
    args = [export_name, date_from, date_to, requested_by]
    return current_app.send_task("feeds.tasks.export_orders", args=args, queue="exports")


def queue_catalogue_bundle(partner_code, bundle_label):
    args = [partner_code, bundle_label]
    return current_app.send_task("feeds.tasks.export_catalogue_bundle", args=args, queue="exports")


# --- Products ----------------------------------------------------------------

@staff_member_required
def supplier_products(request, partner_code):
    sort = request.GET.get("sort", "p.upc")
    rows = repositories.products_for_supplier(partner_code, sort)
    return render(request, "dashboard_ext/supplier_products.html", {"rows": rows, "partner": partner_code})


@staff_member_required
def product_quick_search(request):
    q = request.GET.get("q", "").strip()
    rows = repositories.search_products_by_sku(q)
    if not rows:
        return HttpResponse(f"<p class='empty'>No products match <b>{q}</b></p>")  #@vuln CWE-79
    items = "".join(format_html("<li><a href='/dashboard/catalogue/products/{}/'>{} - {}</a></li>", r["id"], r["upc"], r["title"]) for r in rows)  #@safe
    return HttpResponse(f"<ul class='results'>{items}</ul>")


@staff_member_required
def product_pattern_filter(request):
    """Merchandisers filter SKUs with a regex, e.g. ^GRD-(POT|PLN)-."""
    pattern = request.GET.get("pattern", "")
    matcher = re.compile(pattern)  #@vuln CWE-1333
    skus = Product.objects.values_list("upc", flat=True)
    return JsonResponse({"matches": [s for s in skus if s and matcher.search(s)][:500]})


@staff_member_required
def product_review_snippet(request, pk):
    product = get_object_or_404(Product, pk=pk)
    review = product.reviews.order_by("-date_created").first()
    if review is None:
        return HttpResponse("")
    html = mark_safe(f"<blockquote>{review.body}<footer>{review.name}</footer></blockquote>")  #@vuln CWE-79
    return render(request, "dashboard_ext/review_snippet.html", {"snippet": html})


# --- Orders --------------------------------------------------------------------

@staff_member_required
def orders_by_postcode(request):
    postcode = request.GET.get("postcode", "").upper()
    orders = repositories.orders_by_postcode(postcode)
    return render(request, "dashboard_ext/orders.html", {"orders": orders})


@staff_member_required
def order_note_preview(request, number):
    get_object_or_404(Order, number=number)
    note = request.POST.get("message", "")
    return HttpResponse(format_html("<div class='note-preview'>{}</div>", note))


@staff_member_required
@require_POST
def export_orders(request):
    export_name = request.POST.get("name", "orders")
    queue_order_export(export_name, request.POST["date_from"], request.POST["date_to"], request.user.email)
    messages.info(request, "Export queued, you will get an e-mail when it is on S3.")
    return HttpResponseRedirect(request.POST.get("return_to", "/dashboard/orders/"))  #@vuln CWE-601


@staff_member_required
def bulk_action_done(request):
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)  #@safe
    return redirect("dashboard:order-list")


@staff_member_required
def download_invoice(request):
    filename = request.GET["file"]
    path = os.path.join(settings.INVOICE_ROOT, filename)
    if not os.path.exists(path):
        raise Http404("invoice not found")
    return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


@staff_member_required
def download_label(request, number):
    order = get_object_or_404(Order, number=number)
    root = os.path.realpath(settings.LABEL_ROOT)
    path = os.path.realpath(os.path.join(root, f"{order.number}.pdf"))
    if not path.startswith(root + os.sep) or not os.path.isfile(path):
        raise Http404("label not generated yet")
    return FileResponse(open(path, "rb"), content_type="application/pdf")  #@safe


# --- Customers -----------------------------------------------------------------

@staff_member_required
def customer_ltv(request):
    domain = request.GET.get("domain", "")
    rows = repositories.customer_lifetime_value(domain)
    return render(request, "dashboard_ext/ltv.html", {"rows": rows, "domain": domain})


@staff_member_required
def customer_badge(request, pk):
    customer = get_object_or_404(User, pk=pk)
    name = escape(customer.get_full_name() or customer.email)
    return HttpResponse(mark_safe(f"<span class='badge badge-customer'>{name}</span>"))  #@safe


@staff_member_required
@require_POST
def issue_goodwill_coupon(request, pk):
    customer = get_object_or_404(User, pk=pk)
    code = generate_coupon_code(prefix="GW-")
    Voucher.objects.create(name=f"Goodwill {customer.email}", code=code, usage=Voucher.SINGLE_USE,
                           start_datetime=request.POST["start"], end_datetime=request.POST["end"])
    log.info("goodwill coupon %s issued to %s by %s", code, customer.pk, request.user.pk)
    return JsonResponse({"code": code})


# --- Suppliers -----------------------------------------------------------------

@staff_member_required
@require_POST
def test_supplier_feed(request):
    """'Test connection' button on the supplier settings form."""
    url = request.POST.get("feed_url", "")
    try:
        resp = requests.get(url, timeout=10)  #@vuln CWE-918
    except requests.RequestException as exc:
        return JsonResponse({"ok": False, "error": str(exc)})
    preview = resp.text[:2000]
    return JsonResponse({"ok": resp.ok, "status": resp.status_code, "preview": preview})


@staff_member_required
@require_POST
def export_catalogue(request, partner_code):
    label = request.POST.get("label", f"{partner_code} catalogue")
    queue_catalogue_bundle(partner_code, label)
    messages.success(request, "Catalogue bundle export queued.")
    return redirect("dashboard:partner-manage", pk=request.POST["partner_pk"])
