import os
import subprocess

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from corelib import crypto
from .models import Account, Statement

RECONCILE_BIN = "/opt/ledger/bin/reconcile"


@admin.action(description="Re-run reconciliation for selected statements")
def rerun_reconciliation(modeladmin, request, queryset):
    for stmt in queryset.select_related("account"):
        # external_ref comes straight from the bank file header
        rc = os.system(f"{RECONCILE_BIN} --account {stmt.account.external_ref} --period {stmt.period}")  #@vuln CWE-78
        if rc != 0:
            messages.warning(request, f"Reconcile failed for {stmt.pk}")


@admin.action(description="Re-run reconciliation (v2)")
def rerun_reconciliation_v2(modeladmin, request, queryset):
    for stmt in queryset.select_related("account"):
        subprocess.run([RECONCILE_BIN, "--account", stmt.account.external_ref, "--period", stmt.period], check=False, timeout=600)  #@safe


@admin.action(description="Export selected as CSV")
def export_selected(modeladmin, request, queryset):
    ids = ",".join(str(int(pk)) for pk in queryset.values_list("pk", flat=True))
    rows = Statement.objects.raw(f"SELECT * FROM ledger_statement WHERE id IN ({ids}) ORDER BY period")  #@safe
    request.session["export_ids"] = [r.pk for r in rows]
    return HttpResponseRedirect("/bo/exports/new/")


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("id", "account", "period", "status_badge", "memo_preview")
    list_filter = ("status",)
    search_fields = ("account__name", "memo")
    actions = [rerun_reconciliation, rerun_reconciliation_v2, export_selected]

    @admin.display(description="Status")
    def status_badge(self, obj):
        return format_html('<span class="badge badge-{}">{}</span>', obj.status, obj.get_status_display())

    @admin.display(description="Memo")
    def memo_preview(self, obj):
        return mark_safe(f"<em title='{obj.memo}'>{obj.memo[:40]}</em>")  #@vuln CWE-79

    def response_change(self, request, obj):
        if "_continue_to" in request.POST:
            return HttpResponseRedirect(request.POST["_continue_to"])  #@vuln CWE-601
        return super().response_change(request, obj)


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "external_ref", "masked_number")
    actions = ["rotate_api_key"]

    @admin.display(description="Account no.")
    def masked_number(self, obj):
        return "****" + crypto.decrypt_account_number(obj.number_enc)[-4:]

    @admin.action(description="Rotate API key")
    def rotate_api_key(self, request, queryset):
        for acct in queryset:
            acct.set_api_secret(crypto.make_api_key())
            acct.save()

