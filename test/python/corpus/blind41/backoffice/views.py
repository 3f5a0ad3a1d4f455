"""Back-office report views (finance team)."""
from __future__ import annotations

import base64
import datetime as dt
import json
import os
import pickle

import ldap3
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from ldap3.utils.conv import escape_filter_chars

from backoffice.models import Invoice, monthly_totals, totals_by_column


def _ldap_connection() -> ldap3.Connection:
    server = ldap3.Server(settings.LDAP_SERVER, use_ssl=True, connect_timeout=5)
    return ldap3.Connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True)


@staff_member_required
def invoice_search(request):
    ref = request.GET.get("ref", "")
    status = request.GET.get("status", "open")
    invoices = list(Invoice.objects.search_legacy(ref, status)) if ref else []
    if not invoices:
        return HttpResponse(f"<p class='empty'>No invoices for customer <code>{ref}</code> ({status})</p>")  #@vuln CWE-79
    return render(request, "billing/invoice_list.html", {"invoices": invoices, "ref": ref})


@staff_member_required
def invoices_by_customer(request, ref: str):
    invoices = list(Invoice.objects.for_customer_ref(ref))
    return render(request, "billing/invoice_list.html", {"invoices": invoices, "ref": ref})


@staff_member_required
def overdue_report(request):
    qs = Invoice.objects.overdue(dt.date.today()).with_days_overdue()
    if request.GET.get("region"):
        qs = qs.in_region(request.GET["region"])
    if request.GET.get("sort_expr"):
        qs = qs.ordered_by_expression(request.GET["sort_expr"])
    if request.GET.get("currency"):
        qs = qs.with_fx_total(request.GET["currency"])
    rows = list(qs.values("number", "customer_ref", "amount_cents", "days_overdue")[:500])
    return JsonResponse({"rows": rows})


@staff_member_required
def yearly_totals(request):
    year = int(request.GET.get("year", dt.date.today().year))
    if request.GET.get("by"):
        return JsonResponse({"rows": totals_by_column(request.GET["by"], year)})
    return JsonResponse({"rows": [[m.isoformat(), total] for m, total in monthly_totals(year)]})


@staff_member_required
def saved_filters(request):
    """Filters are kept client-side in a cookie so they survive logouts."""
    raw = request.COOKIES.get("bo_filters")
    filters = pickle.loads(base64.b64decode(raw)) if raw else {}  #@vuln CWE-502
    return JsonResponse({"filters": filters})


@staff_member_required
def save_filters(request):
    filters = json.loads(request.body or b"{}")
    response = JsonResponse({"ok": True})
    response.set_cookie("bo_filters", base64.b64encode(json.dumps(filters).encode()).decode(), secure=True, httponly=True, samesite="Lax")
    return response


@staff_member_required
def staff_lookup(request):
    username = request.GET.get("username", "")
    conn = _ldap_connection()
    conn.search(settings.LDAP_BASE_DN, f"(&(objectClass=person)(uid={username}))", attributes=["cn", "mail", "departmentNumber"])  #@vuln CWE-90
    return JsonResponse({"entries": [json.loads(e.entry_to_json()) for e in conn.entries]})


@staff_member_required
def staff_by_mail(request):
    mail = escape_filter_chars(request.GET.get("mail", ""))
    conn = _ldap_connection()
    conn.search(settings.LDAP_BASE_DN, f"(&(objectClass=person)(mail={mail}))", attributes=["cn", "uid"])  #@safe
    return JsonResponse({"entries": [json.loads(e.entry_to_json()) for e in conn.entries]})


@staff_member_required
def download_report(request):
    name = request.GET.get("file", "")
    return FileResponse(open(os.path.join(settings.REPORT_ROOT, name), "rb"), as_attachment=True)  #@vuln CWE-22


@staff_member_required
def invoice_pdf(request, pk: int):
    invoice = get_object_or_404(Invoice, pk=pk)
    root = settings.REPORT_ROOT.resolve()
    path = (root / f"{invoice.number}.pdf").resolve()
    if not path.is_relative_to(root) or not path.exists():
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True)  #@safe


def after_login(request):
    return redirect(request.GET.get("next", "/admin/"))  #@vuln CWE-601


def after_logout(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return redirect(target)  #@safe
