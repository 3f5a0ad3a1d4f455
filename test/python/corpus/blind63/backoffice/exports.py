"""File exports and imports for dispatchers: CSV manifests, rate cards, route plans."""
import base64
import csv
import io
import logging
import os
import pickle

import yaml
from Crypto.Cipher import DES
from Crypto.Util.Padding import pad
from cryptography.fernet import Fernet
from defusedxml import minidom as safe_minidom
from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

from .models import Depot, Driver

log = logging.getLogger("backoffice.exports")

EXPORT_COLUMNS = ["reference", "status", "origin", "destination", "consignee", "weight_kg", "eta"]


def dump_saved_filter(params) -> str:
    data = {"statuses": params.getlist("status") or ["created", "assigned"], "depot": params.get("depot")}
    return base64.urlsafe_b64encode(pickle.dumps(data)).decode()


def load_saved_filter(request) -> dict:
    raw = request.COOKIES.get("dispatch_filter")
    if not raw:
        return {}
    try:
        return pickle.loads(base64.urlsafe_b64decode(raw))  #@vuln CWE-502
    except Exception:
        log.info("ignoring unreadable dispatch filter cookie")
        return {}


def write_csv_export(queryset, filename: str) -> str:
    os.makedirs(settings.EXPORT_DIR, exist_ok=True)
    path = os.path.join(settings.EXPORT_DIR, filename)
    with open(path, "w", newline="", encoding="utf-8") as fh:  #@vuln CWE-22
        writer = csv.writer(fh)
        writer.writerow(EXPORT_COLUMNS)
        for s in queryset.values_list(*EXPORT_COLUMNS):
            writer.writerow(s)
    return path


@login_required
def download_export(request):
    name = request.GET.get("file", "")
    return FileResponse(open(os.path.join(settings.EXPORT_DIR, name), "rb"), as_attachment=True)  #@vuln CWE-22


@login_required
def download_daily_export(request, name):
    export_root = os.path.realpath(settings.EXPORT_DIR)
    path = os.path.realpath(os.path.join(export_root, os.path.basename(name)))
    if os.path.commonpath([export_root, path]) != export_root or not os.path.exists(path):
        raise Http404("export not found")
    return FileResponse(open(path, "rb"), as_attachment=True)  #@safe


@login_required
@permission_required("backoffice.change_depot")
@require_POST
def import_rate_card(request):
    upload = request.FILES.get("rate_card")
    if upload is None:
        return HttpResponseBadRequest("missing file")
    card = yaml.load(upload.read(), Loader=yaml.Loader)  #@vuln CWE-502
    zones = card.get("zones", [])
    log.info("rate card %s imported with %d zones", card.get("name"), len(zones))
    return JsonResponse({"zones": len(zones), "currency": card.get("currency", "EUR")})


@login_required
@permission_required("backoffice.change_depot")
@require_POST
def import_depot_config(request):
    upload = request.FILES.get("config")
    if upload is None:
        return HttpResponseBadRequest("missing file")
    config = yaml.safe_load(upload.read())  #@safe
    updated = 0
    for code, values in (config or {}).get("depots", {}).items():
        updated += Depot.objects.filter(code=code).update(printer=values.get("printer", ""), region=values.get("region", ""))
    return JsonResponse({"updated": updated})


@login_required
@require_POST
def import_route_plan(request):
    upload = request.FILES.get("plan")
    if upload is None:
        return HttpResponseBadRequest("missing file")
    parser = etree.XMLParser(resolve_entities=True, no_network=False, huge_tree=True)
    tree = etree.parse(upload, parser)  #@vuln CWE-611
    stops = [
        {"seq": int(stop.get("seq", 0)), "reference": stop.findtext("shipment"), "window": stop.findtext("window")}
        for stop in tree.getroot().iter("stop")
    ]
    return JsonResponse({"stops": stops})


@login_required
@require_POST
def import_telematics_profile(request):
    upload = request.FILES.get("profile")
    if upload is None:
        return HttpResponseBadRequest("missing file")
    doc = safe_minidom.parseString(upload.read())  #@safe
    sensors = [n.getAttribute("id") for n in doc.getElementsByTagName("sensor")]
    return JsonResponse({"sensors": sensors})


def encrypt_licence_legacy(licence_number: str) -> str:
    key = settings.DRIVER_DATA_KEY.encode()[:8].ljust(8, b"0")
    cipher = DES.new(key, DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(licence_number.encode(), DES.block_size))).decode()


def encrypt_licence(licence_number: str) -> str:
    return Fernet(settings.DRIVER_DATA_KEY.encode()).encrypt(licence_number.encode()).decode()  #@safe


def payroll_roster_csv() -> bytes:
    # the payroll provider decrypts licence numbers with the shared legacy key
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["name", "fleet", "licence"])
    for d in Driver.objects.filter(active=True).order_by("full_name"):
        writer.writerow([d.full_name, d.fleet_code, encrypt_licence_legacy(d.licence_number) if d.licence_number else ""])
    return buf.getvalue().encode("utf-8")
