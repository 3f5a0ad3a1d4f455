from __future__ import annotations

import logging
import os
import subprocess

from django.contrib import admin, messages
from django.db import connection
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from backoffice.models import Customer, Invoice

log = logging.getLogger(__name__)

RECALC_BIN = "/opt/billing/bin/recalc"


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("ref", "name_link", "website_link", "region")
    search_fields = ("ref", "name", "billing_email")

    @admin.display(description="Name")
    def name_link(self, obj: Customer):
        return format_html('<a href="/admin/billing/customer/{}/change/">{}</a>', obj.pk, obj.name)  #@safe

    @admin.display(description="Website")
    def website_link(self, obj: Customer):
        return mark_safe(f'<a href="{obj.website}" target="_blank">{obj.website}</a>')  #@vuln CWE-79


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "customer_ref", "status", "amount_display", "due_date", "notes_preview")
    list_filter = ("status", "billing_region")
    search_fields = ("number", "customer_ref")
    actions = ["mark_paid", "recalculate", "recalculate_v2", "regenerate_pdf"]

    @admin.display(description="Amount")
    def amount_display(self, obj: Invoice):
        return format_html("<span class='amount'>{} €</span>", f"{obj.amount_cents / 100:,.2f}")

    @admin.display(description="Notes")
    def notes_preview(self, obj: Invoice):
        return mark_safe("<em>" + (obj.notes[:80] or "—") + "</em>")  #@vuln CWE-79

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.startswith("note:"):
            queryset = Invoice.objects.with_note_matching(search_term[5:])
        return queryset, may_have_duplicates

    @admin.action(description="Mark selected invoices as paid")
    def mark_paid(self, request, queryset):
        ids = ",".join(str(int(pk)) for pk in queryset.values_list("pk", flat=True))
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE billing_invoice SET status = 'paid', paid_cents = amount_cents WHERE id IN ({ids})")  #@safe
        messages.success(request, "Invoices marked as paid")

    @admin.action(description="Recalculate totals (legacy)")
    def recalculate(self, request, queryset):
        for inv in queryset:
            rc = os.system(f"{RECALC_BIN} --customer {inv.customer_ref} --invoice {inv.number}")  #@vuln CWE-78
            if rc:
                messages.warning(request, f"recalc failed for {inv.number}")

    @admin.action(description="Recalculate totals")
    def recalculate_v2(self, request, queryset):
        for inv in queryset:
            subprocess.run([RECALC_BIN, "--customer", inv.customer_ref, "--invoice", inv.number], check=False, timeout=60)  #@safe

    @admin.action(description="Regenerate PDF")
    def regenerate_pdf(self, request, queryset):
        template = request.POST.get("template", "default")
        for inv in queryset:
            subprocess.call("wkhtmltopdf /srv/backoffice/templates/%s.html /srv/backoffice/reports/%s.pdf" % (template, inv.number), shell=True)  #@vuln CWE-78
        messages.info(request, "PDF regeneration queued")
