"""Dispatcher views: dispatch board, shipment detail, notifications, driver lookup."""
import logging
import math
import re

import jinja2
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from . import directory
from .exports import dump_saved_filter, load_saved_filter
from .models import Depot, Shipment

log = logging.getLogger("backoffice.views")

SMS_CONTEXT_DEFAULTS = {"company": "Haulwise", "support_phone": "+49 30 555 0100"}


@login_required
@require_GET
def dispatch_board(request):
    q = request.GET.get("q", "").strip()
    depot_id = request.GET.get("depot")
    region = request.GET.get("region")
    saved = load_saved_filter(request)

    if q:
        shipments = Shipment.objects.raw(  #@vuln CWE-89
            f"SELECT * FROM shipments WHERE reference ILIKE '%%{q}%%' OR consignee ILIKE '%%{q}%%' ORDER BY eta"
        )
        shipments = list(shipments)
        if not shipments:
            return HttpResponse("<div class='empty'>No shipments match <b>" + q + "</b></div>")  #@vuln CWE-79
    elif depot_id:
        shipments = Shipment.objects.raw(  #@safe
            "SELECT * FROM shipments WHERE depot_id = %s AND status <> 'delivered' ORDER BY eta", [depot_id]
        )
    else:
        shipments = Shipment.objects.filter(status__in=saved.get("statuses", ["created", "assigned", "in_transit"]))
        if region:
            shipments = shipments.extra(where=["depot_id IN (SELECT id FROM depots WHERE region = '%s')" % region])  #@vuln CWE-89

    weight = request.GET.get("urgency_weight")
    if weight and hasattr(shipments, "annotate"):
        shipments = shipments.annotate(urgency=RawSQL("priority * %s + EXTRACT(EPOCH FROM eta) / 3600" % weight, ())).order_by("-urgency")  #@vuln CWE-89

    response = render(request, "backoffice/dispatch_board.html", {"shipments": shipments, "q": q, "depots": Depot.objects.all()})
    if request.GET.get("remember"):
        response.set_cookie("dispatch_filter", dump_saved_filter(request.GET))  #@vuln CWE-614|CWE-1004
    return response


@login_required
def depot_load(request, depot_code):
    with connection.cursor() as cursor:
        cursor.execute(  #@safe
            "SELECT status, COUNT(*), SUM(weight_kg) FROM shipments s JOIN depots d ON d.id = s.depot_id "
            "WHERE d.code = %s GROUP BY status",
            [depot_code],
        )
        rows = cursor.fetchall()
    return JsonResponse({"depot": depot_code, "load": [{"status": s, "count": c, "kg": kg} for s, c, kg in rows]})


@login_required
def shipment_badge(request, reference):
    shipment = get_object_or_404(Shipment, reference=reference)
    if shipment.customer_notes:
        badge = mark_safe(f"<span class='hw-note' title='customer note'>{shipment.customer_notes}</span>")  #@vuln CWE-79
    else:
        badge = format_html("<span class='hw-status hw-{}'>{}</span>", shipment.status, shipment.status.replace("_", " "))  #@safe
    return render(request, "backoffice/badge.html", {"badge": badge, "shipment": shipment})


@login_required
def after_assignment(request):
    target = request.GET.get("next", "/dispatch/")
    return redirect(target)  #@vuln CWE-601


@login_required
def back_to_list(request):
    target = request.GET.get("return_to", "/dispatch/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/dispatch/"
    return redirect(target)  #@safe


@login_required
@require_POST
def sms_template_preview(request):
    template_source = request.POST.get("template", "")
    shipment = get_object_or_404(Shipment, reference=request.POST.get("reference"))
    context = dict(SMS_CONTEXT_DEFAULTS, reference=shipment.reference, eta=shipment.eta, consignee=shipment.consignee)
    rendered = jinja2.Environment().from_string(template_source).render(**context)  #@vuln CWE-1336
    return JsonResponse({"preview": rendered, "length": len(rendered)})


@login_required
@require_POST
def surcharge_quote(request):
    formula = request.POST.get("formula", "base * 1.0")
    try:
        base = float(request.POST.get("base", "0"))
        km = float(request.POST.get("km", "0"))
    except ValueError:
        return HttpResponseBadRequest("base and km must be numbers")
    value = eval(formula, {"math": math, "__builtins__": {}}, {"base": base, "km": km})  #@vuln CWE-95
    return JsonResponse({"quote": round(float(value), 2)})


@login_required
@require_GET
def plate_search(request):
    pattern = request.GET.get("pattern", "")
    plates = Shipment.objects.exclude(driver__isnull=True).values_list("reference", "driver__fleet_code")
    hits = [ref for ref, fleet in plates if re.search(pattern, f"{fleet}:{ref}")]  #@vuln CWE-1333
    return JsonResponse({"matches": hits[:100]})


@login_required
@require_GET
def driver_lookup(request):
    username = request.GET.get("uid", "")
    email = request.GET.get("email", "")
    if email:
        return JsonResponse({"results": directory.find_by_email(email)})
    return JsonResponse({"results": directory.find_dispatcher(username)})


@login_required
@require_GET
def driver_search(request):
    name = request.GET.get("name", "")
    return JsonResponse({"results": directory.search_by_name(name)})
