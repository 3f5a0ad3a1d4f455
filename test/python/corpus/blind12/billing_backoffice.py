"""Billing back-office tooling.

Admin customisations for invoices and customers, the ``archive_invoices``
maintenance command and the template helpers used by the billing templates.
"""
import json
import os
import pickle
import random
import secrets
import string
import subprocess
import tarfile

from django import template
from django.contrib import admin, messages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from billing.models import ApiCredential, Customer, Invoice

register = template.Library()
PORTAL_ALPHABET = string.ascii_uppercase + string.digits
STATUS_COLOURS = {"paid": "#2e7d32", "overdue": "#c62828", "draft": "#757575"}


def portal_code(length=10):
    return "".join(random.choice(PORTAL_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "customer_link", "status_badge", "memo_preview", "total")
    search_fields = ("number", "customer__name")
    list_select_related = ("customer",)

    @admin.display(description="Customer")
    def customer_link(self, obj):
        url = f"/admin/billing/customer/{obj.customer_id}/change/"
        return format_html('<a href="{}">{}</a>', url, obj.customer.name)  #@safe

    @admin.display(description="Status")
    def status_badge(self, obj):
        colour = STATUS_COLOURS.get(obj.status, "#000")
        return format_html('<span style="color:{}">{}</span>', colour, obj.get_status_display())  #@safe

    @admin.display(description="Memo")
    def memo_preview(self, obj):
        return mark_safe("<em>%s</em>" % (obj.memo or "")[:80])  #@vuln CWE-79

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.startswith("ref:"):
            ref = search_term[4:].strip()
            matches = Invoice.objects.raw(f"SELECT id FROM billing_invoice WHERE external_ref = '{ref}'")  #@vuln CWE-89
            queryset |= self.model.objects.filter(pk__in=[m.pk for m in matches])
        elif search_term.startswith("cust:"):
            matches = Invoice.objects.raw("SELECT id FROM billing_invoice WHERE customer_id = %s", [search_term[5:]])  #@safe
            queryset |= self.model.objects.filter(pk__in=[m.pk for m in matches])
        return queryset, may_have_duplicates


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "website_link", "tag_list")
    actions = ["rotate_api_keys", "issue_portal_codes"]

    @admin.display(description="Website")
    def website_link(self, obj):
        return mark_safe(f'<a href="{obj.website}" rel="noopener">{obj.website}</a>')  #@vuln CWE-79

    @admin.display(description="Tags")
    def tag_list(self, obj):
        tags = [t.strip() for t in (obj.tags or "").split(",") if t.strip()]
        return format_html_join(", ", "<code>{}</code>", ((t,) for t in tags))  #@safe

    @admin.action(description="Rotate API keys")
    def rotate_api_keys(self, request, queryset):
        for customer in queryset:
            cred, _ = ApiCredential.objects.get_or_create(customer=customer)
            cred.secret = secrets.token_urlsafe(32)  #@safe
            cred.save(update_fields=["secret"])
        messages.success(request, f"Rotated {queryset.count()} API keys")

    @admin.action(description="Issue portal sign-in codes")
    def issue_portal_codes(self, request, queryset):
        for customer in queryset:
            customer.portal_login_code = portal_code()
            customer.save(update_fields=["portal_login_code"])
        messages.success(request, f"Issued {queryset.count()} portal codes")


@register.filter(name="memo_lines")
def memo_lines(value):
    return mark_safe(escape(value or "").replace("\n", "<br>"))  #@safe


@register.simple_tag
def highlight(text, term):
    if not term:
        return text
    return mark_safe(text.replace(term, "<mark>{}</mark>".format(term)))  #@vuln CWE-79


class Command(BaseCommand):
    help = "Archive invoices for a billing period, or restore a previous archive."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="Billing period, e.g. 2024-03")
        parser.add_argument("--status", default="closed")
        parser.add_argument("--database", default="billing")
        parser.add_argument("--out-dir", default="/srv/billing/archive")
        parser.add_argument("--restore", help="Path to a .tar.gz archive to restore")
        parser.add_argument("--snapshot", help="Totals snapshot (.json or .pkl) to compare against")

    def handle(self, *args, **options):
        if options["restore"]:
            self._restore(options["restore"], options["out_dir"])
            return
        if not options["period"]:
            raise CommandError("--period is required")
        invoices = Invoice.objects.extra(where=["period = '%s' AND status = '%s'" % (options["period"], options["status"])])  #@vuln CWE-89
        ids = list(invoices.values_list("pk", flat=True))
        with connection.cursor() as cur:
            cur.execute("UPDATE billing_invoice SET archived = TRUE WHERE id = ANY(%s)", [ids])  #@safe
        dump_path = os.path.join(options["out_dir"], "invoices-%s.sql" % options["period"])
        self._dump(options["database"], dump_path)
        if options["snapshot"]:
            self._compare(self._load_snapshot(options["snapshot"]), invoices)
        self.stdout.write(self.style.SUCCESS(f"Archived {len(ids)} invoices to {dump_path}"))

    def _dump(self, database, dump_path):
        command = "pg_dump --table=billing_invoice --dbname={} > {}".format(database, dump_path)
        subprocess.call(command, shell=True)  #@vuln CWE-78
        subprocess.run(["gzip", "-f", dump_path], check=True)  #@safe

    def _restore(self, archive_path, out_dir):
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(out_dir)  #@vuln CWE-22
        self.stdout.write(f"Restored {archive_path} into {out_dir}")

    def _load_snapshot(self, path):
        with open(path, "rb") as fh:
            if path.endswith(".json"):
                return json.load(fh)  #@safe
            return pickle.load(fh)  #@vuln CWE-502

    def _compare(self, snapshot, invoices):
        for invoice in invoices:
            expected = snapshot.get(invoice.number)
            if expected is not None and expected != invoice.total:
                self.stderr.write(f"{invoice.number}: expected {expected}, found {invoice.total}")
