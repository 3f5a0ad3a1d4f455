import os
import re
from datetime import date

import requests
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View

from shopdesk.catalog.models import Seller
from shopdesk.orders.models import Customer, Order

from . import services

PERIOD_RE = re.compile(r"^\d{4}-\d{2}$")


class OrderCsvExportView(PermissionRequiredMixin, View):
    permission_required = "orders.export_order"

    def post(self, request):
        statuses = request.POST.getlist("status") or ["paid", "shipped"]
        filename = request.POST.get("filename") or f"orders-{date.today():%Y%m%d}.csv"
        orders = Order.objects.filter(status__in=statuses).order_by("created_at")
        path = services.write_orders_csv(orders, filename)
        if request.POST.get("gzip"):
            services.compress_export(filename)
        if request.POST.get("sftp_dir"):
            services.push_to_finance_sftp(filename, request.POST["sftp_dir"])
        return JsonResponse({"file": path.name})


class RevenueReportView(PermissionRequiredMixin, View):
    permission_required = "orders.view_order"

    def get(self, request):
        start = request.GET.get("from", f"{date.today():%Y-%m-01}")
        end = request.GET.get("to", f"{date.today():%Y-%m-%d}")
        rows = Order.objects.revenue_by_day(start, end, request.GET.get("currency", "EUR"))
        return JsonResponse({"days": [{"day": d.isoformat(), "total_cents": t} for d, t in rows]})


class ExportDownloadView(LoginRequiredMixin, View):
    def get(self, request, name):
        try:
            fh = services.open_export(name)
        except (FileNotFoundError, SuspiciousFileOperation):
            raise Http404("no such export")
        return FileResponse(fh, as_attachment=True, filename=os.path.basename(name))


class LegacyExportDownloadView(LoginRequiredMixin, View):
    """Old /exports/get?file=... links still live in finance's bookmarks."""

    def get(self, request):
        path = os.path.join(settings.EXPORT_ROOT, request.GET["file"])
        return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


class InvoicePdfView(LoginRequiredMixin, View):
    def get(self, request, number):
        order = get_object_or_404(Order, number=number, customer__user=request.user)
        out = services.render_invoice_pdf(order, request.GET.get("paper", "A4"))
        return FileResponse(open(out, "rb"), content_type="application/pdf")


class StatementPdfView(PermissionRequiredMixin, View):
    permission_required = "orders.view_customer"

    def post(self, request, customer_id):
        customer = get_object_or_404(Customer, pk=customer_id)
        period = request.POST.get("period", f"{date.today():%Y-%m}")
        if not PERIOD_RE.match(period):
            return HttpResponseBadRequest("period must be YYYY-MM")
        header = request.POST.get("header") or f"Statement for {customer.name}"
        out = services.render_statement_pdf(customer, header, period)
        return FileResponse(open(out, "rb"), content_type="application/pdf")


class TrackingView(LoginRequiredMixin, View):
    def get(self, request, number):
        order = get_object_or_404(Order, number=number, customer__user=request.user)
        return JsonResponse(services.fetch_tracking(order.tracking_number))


class SellerLogoCheckView(LoginRequiredMixin, View):
    def get(self, request):
        seller = get_object_or_404(Seller, owner=request.user)
        data = services.fetch_seller_logo(seller)
        return JsonResponse({"ok": data is not None, "bytes": len(data or b"")})


class WebhookTestView(PermissionRequiredMixin, View):
    permission_required = "orders.change_webhook"

    def post(self, request):
        endpoint = request.POST["endpoint"]
        try:
            resp = requests.post(endpoint, json={"event": "ping", "source": "shopdesk"}, timeout=5)  #@vuln CWE-918
        except requests.RequestException as exc:
            return JsonResponse({"ok": False, "error": str(exc)}, status=502)
        return JsonResponse({"ok": resp.ok, "status": resp.status_code, "body": resp.text[:500]})
