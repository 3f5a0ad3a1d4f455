"""Invoices, statements, branding and reconciliation reports for the finance team."""
import os
import re
import uuid

import boto3
import requests
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from jinja2 import Environment, FileSystemLoader, select_autoescape
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from weasyprint import HTML

from backoffice.models import Invoice, Merchant
from ledger import reports

PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
s3 = boto3.client("s3", region_name=settings.AWS_REGION)
jinja_env = Environment(loader=FileSystemLoader(str(settings.INVOICE_TEMPLATE_DIR)), autoescape=select_autoescape(["html"]))


def render_invoice_html(invoice: Invoice) -> str:
    merchant = invoice.merchant
    body = jinja_env.get_template("invoice.html").render(invoice=invoice, merchant=merchant)  #@safe
    if merchant.footer_template:
        footer = Environment().from_string(merchant.footer_template).render(merchant=merchant, invoice=invoice)  #@vuln CWE-1336
        body = body.replace("<!--FOOTER-->", footer)
    return body


@login_required
def invoice_from_url(request):
    # "Import from your website": render the merchant's hosted invoice page to PDF
    src = request.GET.get("url", "")
    pdf = HTML(url=src).write_pdf()  #@vuln CWE-918
    return HttpResponse(pdf, content_type="application/pdf")


@login_required
def invoice_preview(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id, merchant__staff=request.user)
    memo = request.GET.get("memo", invoice.memo)
    return HttpResponse(f"<div class='preview-banner'>Draft &ndash; {memo}</div>" + render_invoice_html(invoice))  #@vuln CWE-79


@login_required
def invoice_list(request, merchant_id):
    merchant = get_object_or_404(Merchant, pk=merchant_id, staff=request.user)
    qs = Invoice.objects.filter(merchant=merchant).order_by("-issued_at")
    currency = request.GET.get("currency")
    if currency:
        qs = qs.extra(where=[f"currency = '{currency}'"])  #@vuln CWE-89
    return render(request, "finance/invoices.html", {"merchant": merchant, "invoices": qs[:200]})


@login_required
def invoice_attachment(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id, merchant__staff=request.user)
    name = request.GET.get("name", "")
    path = os.path.join(settings.INVOICE_ATTACHMENTS_DIR, str(invoice.pk), name)
    return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


def build_statement_pdf(path: str, merchant: Merchant, period: str, rows: list[dict]) -> None:
    c = canvas.Canvas(path, pagesize=A4)
    width, height = A4
    c.drawString(20 * mm, height - 25 * mm, f"{merchant.legal_name} - statement {period}")
    y = height - 40 * mm
    for r in rows:
        c.drawString(20 * mm, y, r["created_at"].strftime("%Y-%m-%d"))
        c.drawRightString(width - 20 * mm, y, f"{r['amount_cents'] / 100:,.2f}")
        y -= 5 * mm
        if y < 20 * mm:
            c.showPage()
            y = height - 20 * mm
    c.save()


@login_required
def download_statement(request, merchant_id):
    merchant = get_object_or_404(Merchant, pk=merchant_id, staff=request.user)
    period = request.GET.get("period", "")
    if not PERIOD_RE.match(period):
        raise Http404("unknown period")
    path = os.path.join(settings.STATEMENTS_DIR, str(merchant.pk), f"{period}.pdf")
    if not os.path.exists(path):
        conn = reports.get_conn()
        try:
            rows = reports.merchant_statement(conn, merchant.pk, period, request.GET.get("currency", "EUR"))
        finally:
            conn.close()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        build_statement_pdf(path, merchant, period, rows)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=f"statement-{period}.pdf")  #@safe


@staff_member_required
def unmatched_report(request):
    conn = reports.get_conn()
    try:
        rows = reports.unmatched_transactions(conn, request.GET.get("bank_account", ""), request.GET.get("since", "2024-01-01"))
    finally:
        conn.close()
    return render(request, "finance/unmatched.html", {"rows": rows})


@staff_member_required
def merchant_search(request):
    q = request.GET.get("q", "").strip()
    with connection.cursor() as cur:
        cur.execute("SELECT id, legal_name, slug FROM backoffice_merchant WHERE legal_name ILIKE %s ORDER BY legal_name LIMIT 50", [f"%{q}%"])  #@safe
        rows = cur.fetchall()
    if not rows:
        return HttpResponse(f"<p class='empty'>No merchants match <b>{q}</b>.</p>")  #@vuln CWE-79
    return render(request, "finance/merchants.html", {"rows": rows, "q": q})


@login_required
@require_POST
def update_branding(request, merchant_id):
    merchant = get_object_or_404(Merchant, pk=merchant_id, staff=request.user)
    logo_url = request.POST.get("logo_url", "").strip()
    if logo_url:
        resp = requests.get(logo_url, timeout=10)  #@vuln CWE-918
        if resp.ok and resp.headers.get("Content-Type", "").startswith("image/"):
            key = f"branding/{merchant.pk}/logo-{uuid.uuid4().hex[:8]}"
            s3.put_object(Bucket=settings.KYC_BUCKET, Key=key, Body=resp.content, ContentType=resp.headers["Content-Type"])
            merchant.logo_s3_key = key
    merchant.footer_template = request.POST.get("footer_template", merchant.footer_template)
    merchant.save()
    return redirect(request.POST.get("return_to") or "finance:branding")  #@vuln CWE-601
