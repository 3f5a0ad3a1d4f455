"""Inventory views (Django)."""
import json
import os
import shutil

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views import View

from .models import Item, Warehouse

EXPORT_ROOT = "/var/exports"
SORTABLE = ("sku", "name", "quantity")


def item_search(request):
    q = request.GET.get("q", "")
    items = Item.objects.raw("SELECT * FROM inventory_item WHERE name LIKE '%%" + q + "%%'")  #@vuln CWE-89
    return render(request, "items/search.html", {"items": items})


def item_search_safe(request):
    q = request.GET.get("q", "")
    items = Item.objects.raw("SELECT * FROM inventory_item WHERE name LIKE %s", ["%" + q + "%"])  #@safe
    return render(request, "items/search.html", {"items": items})


def item_filter(request):
    field = request.GET.get("field", "sku")
    value = request.GET.get("value", "")
    items = Item.objects.extra(where=[f"{field} = '{value}'"])  #@vuln CWE-89
    return render(request, "items/list.html", {"items": items})


def item_annotated(request):
    bonus = request.GET.get("bonus", "0")
    items = Item.objects.annotate(score=RawSQL("quantity * %s", (bonus,)))  #@safe
    return render(request, "items/list.html", {"items": items})


def item_ranked(request):
    expr = request.GET.get("expr", "quantity")
    items = Item.objects.annotate(score=RawSQL("SELECT " + expr + " FROM inventory_item", ()))  #@vuln CWE-89
    return render(request, "items/list.html", {"items": items})


def warehouse_totals(request, warehouse_id):
    with connection.cursor() as cursor:
        cursor.execute(  #@vuln CWE-89
            "SELECT SUM(quantity) FROM inventory_item WHERE warehouse_id = %s" % warehouse_id
        )
        total = cursor.fetchone()[0]
    return JsonResponse({"total": total})


def warehouse_totals_safe(request, warehouse_id):
    with connection.cursor() as cursor:
        cursor.execute(  #@safe
            "SELECT SUM(quantity) FROM inventory_item WHERE warehouse_id = %s",
            [warehouse_id],
        )
        total = cursor.fetchone()[0]
    return JsonResponse({"total": total})


def sorted_items(request):
    order = request.GET.get("order", "sku")
    if order in SORTABLE:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT sku, name FROM inventory_item ORDER BY {order}")  #@safe
            rows = cursor.fetchall()
    else:
        rows = []
    return JsonResponse({"rows": rows})


def welcome(request):
    user = request.GET.get("user", "friend")
    return HttpResponse("<html><body>Hello " + user + "</body></html>")  #@vuln CWE-79


def welcome_escaped(request):
    user = request.GET.get("user", "friend")
    return HttpResponse("<html><body>Hello " + escape(user) + "</body></html>")  #@safe


def banner(request):
    message = request.GET.get("msg", "")
    html = mark_safe("<div class='banner'>%s</div>" % message)  #@vuln CWE-79
    return render(request, "banner.html", {"banner": html})


def banner_safe(request):
    message = request.GET.get("msg", "")
    html = format_html("<div class='banner'>{}</div>", message)  #@safe
    return render(request, "banner.html", {"banner": html})


def static_badge(request):
    badge = mark_safe("<span class='badge'>beta</span>")  #@safe
    return render(request, "badge.html", {"badge": badge})


def export_file(request):
    name = request.GET["name"]
    path = os.path.join(EXPORT_ROOT, name)
    return FileResponse(open(path, "rb"))  #@vuln CWE-22


def export_file_checked(request):
    name = os.path.basename(request.GET["name"])
    path = os.path.join(EXPORT_ROOT, name)
    return FileResponse(open(path, "rb"))  #@safe


def archive_export(request):
    name = request.POST.get("name")
    shutil.move(os.path.join(EXPORT_ROOT, name), "/var/archive/")  #@vuln CWE-22
    return JsonResponse({"ok": True})


class ItemDetail(View):
    def get(self, request, sku):
        item = get_object_or_404(Item, sku=sku)  #@safe
        return render(request, "items/detail.html", {"item": item})

    def post(self, request, sku):
        payload = json.loads(request.body)
        note = payload.get("note", "")
        with connection.cursor() as cursor:
            cursor.execute("UPDATE inventory_item SET note = %s WHERE sku = %s", [note, sku])  #@safe
        return JsonResponse({"ok": True})


class WarehouseReport(View):
    def get(self, request):
        region = request.GET.get("region", "eu")
        sql = "SELECT name FROM inventory_warehouse WHERE region = '{}'".format(region)
        with connection.cursor() as cursor:
            cursor.execute(sql)  #@vuln CWE-89
            names = [r[0] for r in cursor.fetchall()]
        return JsonResponse({"names": names})
