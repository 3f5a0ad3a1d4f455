"""Views for the ``billing`` app of the customer portal."""
import base64
import logging
import os
import pickle

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import (FileResponse, Http404, HttpResponse, HttpResponseBadRequest,
                         HttpResponseRedirect, JsonResponse)
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from .models import Customer, Invoice

logger = logging.getLogger(__name__)

EDITABLE_CUSTOMER_FIELDS = ("billing_email", "vat_number", "address_line1", "address_line2", "postcode", "country")


@login_required
@require_GET
def invoice_lookup(request):
    ref = request.GET.get("ref", "").strip()
    if not ref:
        return HttpResponseBadRequest("missing ref")
    invoices = Invoice.objects.raw(f"SELECT * FROM billing_invoice WHERE customer_ref = '{ref}' ORDER BY issued_at DESC")  #@vuln CWE-89
    return render(request, "billing/invoice_list.html", {"invoices": list(invoices)})


@login_required
@require_GET
def invoice_by_number(request, number):
    invoices = Invoice.objects.raw("SELECT * FROM billing_invoice WHERE number = %s AND owner_id = %s", [number, request.user.id])  #@safe
    return render(request, "billing/invoice_list.html", {"invoices": list(invoices)})


class InvoiceListView(LoginRequiredMixin, ListView):
    template_name = "billing/invoice_list.html"
    context_object_name = "invoices"
    paginate_by = 50

    def get_queryset(self):
        params = self.request.GET
        qs = Invoice.objects.filter(owner=self.request.user)
        if params.get("currency"):
            qs = qs.extra(where=["currency = %s"], params=[params["currency"]])  #@safe
        rate_table = params.get("rates", "fx_rates_daily")
        qs = qs.annotate(amount_eur=RawSQL("SELECT billing_invoice.total * rate FROM " + rate_table + " WHERE code = billing_invoice.currency", ()))  #@vuln CWE-89
        target = params.get("display_currency", "EUR")
        qs = qs.annotate(display_rate=RawSQL("SELECT rate FROM fx_rates_daily WHERE code = %s", (target,)))  #@safe
        return qs.order_by("-issued_at")


@login_required
def revenue_summary(request):
    year = request.GET.get("year", "2024")
    bucket = request.GET.get("group", "month")
    query = (
        "SELECT date_trunc('{0}', issued_at) AS bucket, SUM(total) FROM billing_invoice "
        "WHERE owner_id = %s AND EXTRACT(year FROM issued_at) = {1} GROUP BY bucket ORDER BY bucket"
    ).format(bucket, year)
    with connection.cursor() as cursor:
        cursor.execute(query, [request.user.id])  #@vuln CWE-89
        rows = cursor.fetchall()
    return JsonResponse({"series": [[str(b), float(t or 0)] for b, t in rows]})


@login_required
def open_invoice_count(request):
    status = request.GET.get("status", "open")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM billing_invoice WHERE owner_id = %s AND status = %s", [request.user.id, status])  #@safe
        (count,) = cursor.fetchone()
    return JsonResponse({"count": count})


@login_required
def payment_status(request):
    message = request.GET.get("message", "")
    return HttpResponse("<div class='alert alert-info'>Payment status: " + message + "</div>")  #@vuln CWE-79


@login_required
def payment_thanks(request):
    payer = request.GET.get("payer", request.user.get_full_name())
    banner = format_html("<strong>Thank you, {}!</strong>", payer)  #@safe
    return HttpResponse(banner)


@login_required
def invoice_note(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk, owner=request.user)
    note = request.GET.get("note", invoice.note)
    note_html = mark_safe(f"<p class='note'>{note}</p>")  #@vuln CWE-79
    return render(request, "billing/invoice_note.html", {"invoice": invoice, "note_html": note_html})


@login_required
def after_checkout(request):
    return_to = request.GET.get("return_to", "/billing/")
    return HttpResponseRedirect(return_to)  #@vuln CWE-601


@login_required
def after_cancel(request):
    nxt = request.GET.get("next", "/billing/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        nxt = "/billing/"
    return HttpResponseRedirect(nxt)  #@safe


@login_required
@require_POST
def update_customer(request, pk):
    customer = get_object_or_404(Customer, pk=pk, account_manager=request.user)
    data = request.POST.dict()
    data.pop("csrfmiddlewaretoken", None)
    Customer.objects.filter(pk=customer.pk).update(**data)  #@vuln CWE-915
    logger.info("customer %s updated by %s", customer.pk, request.user.pk)
    return JsonResponse({"ok": True})


@login_required
@require_POST
def update_billing_address(request):
    customer = get_object_or_404(Customer, user=request.user)
    changes = {k: v for k, v in request.POST.items() if k in EDITABLE_CUSTOMER_FIELDS}
    Customer.objects.filter(pk=customer.pk).update(**changes)  #@safe
    return JsonResponse({"ok": True, "fields": sorted(changes)})


class InvoicePdfView(LoginRequiredMixin, View):
    """Serve rendered invoice PDFs from the per-user archive."""

    def get(self, request):
        name = request.GET.get("file", "")
        path = os.path.join(settings.INVOICE_PDF_ROOT, request.user.username, name)
        if not os.path.exists(path):
            raise Http404("no such invoice")
        return FileResponse(open(path, "rb"), content_type="application/pdf")  #@vuln CWE-22


@require_GET
def restore_cart(request):
    raw = request.COOKIES.get("saved_cart")
    if not raw:
        return JsonResponse({"items": []})
    cart = pickle.loads(base64.urlsafe_b64decode(raw))  #@vuln CWE-502
    return JsonResponse({"items": cart.get("items", [])})


class WebhookTestView(LoginRequiredMixin, View):
    """Lets a customer fire a test event at the endpoint they are configuring."""

    def post(self, request):
        url = request.POST.get("url", "")
        try:
            r = requests.post(url, json={"event": "ping", "account": request.user.pk}, timeout=5)  #@vuln CWE-918
        except requests.RequestException as exc:
            return JsonResponse({"ok": False, "error": str(exc)}, status=502)
        return JsonResponse({"ok": r.ok, "status": r.status_code})
