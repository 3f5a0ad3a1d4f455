"""Django admin configuration and dispatcher bulk actions."""
import logging
import os
import subprocess
from datetime import datetime

from django.conf import settings
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html

from .exports import encrypt_licence, write_csv_export
from .models import Depot, DispatchNote, Driver, Shipment

log = logging.getLogger("backoffice.admin")


@admin.register(Depot)
class DepotAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region", "printer")
    search_fields = ("code", "name")


@admin.register(Driver)
class DriverAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "fleet_code", "active")
    list_filter = ("active", "fleet_code")
    actions = ["protect_licences"]

    @admin.action(description="Encrypt stored licence numbers")
    def protect_licences(self, request, queryset):
        count = 0
        for driver in queryset.exclude(licence_number=""):
            if not driver.licence_number.startswith("gAAAA"):
                driver.licence_number = encrypt_licence(driver.licence_number)
                driver.save(update_fields=["licence_number"])
                count += 1
        self.message_user(request, f"{count} licence numbers encrypted", messages.SUCCESS)


class DispatchNoteInline(admin.TabularInline):
    model = DispatchNote
    extra = 0
    readonly_fields = ("author", "created_at")


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ("reference", "status", "depot", "driver", "eta", "notes_preview")
    list_filter = ("status", "depot__region")
    search_fields = ("reference", "consignee")
    inlines = [DispatchNoteInline]
    actions = ["export_selected_csv", "print_manifests", "print_on_depot_printer"]

    @admin.display(description="Customer notes")
    def notes_preview(self, obj):
        if not obj.customer_notes:
            return "-"
        return format_html("<span title='{}'>{}</span>", obj.customer_notes, obj.customer_notes[:40])  #@safe

    @admin.action(description="Export selected shipments to CSV")
    def export_selected_csv(self, request, queryset):
        if "apply" not in request.POST:
            return TemplateResponse(request, "admin/backoffice/export_filename.html", {"queryset": queryset})
        default_name = f"shipments-{datetime.now():%Y%m%d-%H%M}.csv"
        filename = request.POST.get("filename") or default_name
        path = write_csv_export(queryset, filename)
        self.message_user(request, f"Export written to {path}", messages.SUCCESS)

    @admin.action(description="Print manifests (choose printer)")
    def print_manifests(self, request, queryset):
        if "apply" not in request.POST:
            return TemplateResponse(request, "admin/backoffice/choose_printer.html", {"queryset": queryset})
        printer = request.POST.get("printer", settings.MANIFEST_PRINTER)
        for shipment in queryset:
            path = os.path.join(settings.EXPORT_DIR, "manifests", f"{shipment.pk}.pdf")
            rc = os.system("lpr -P %s -o media=A4 %s" % (printer, path))  #@vuln CWE-78
            if rc != 0:
                self.message_user(request, f"Printing {shipment.reference} failed", messages.ERROR)

    @admin.action(description="Print manifests on depot printer")
    def print_on_depot_printer(self, request, queryset):
        for shipment in queryset.select_related("depot"):
            printer = (shipment.depot and shipment.depot.printer) or settings.MANIFEST_PRINTER
            path = os.path.join(settings.EXPORT_DIR, "manifests", f"{shipment.pk}.pdf")
            result = subprocess.run(["lp", "-d", printer, "-o", "media=A4", path], capture_output=True, timeout=30)  #@safe
            if result.returncode != 0:
                log.warning("lp failed for %s: %s", shipment.reference, result.stderr.decode(errors="replace"))
