"""Guest portal views: online check-in, invoices and loyalty pages."""
import base64
import os
import pickle
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.files.storage import default_storage
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context, Template
from django.views.decorators.http import require_POST

from .invoices import render_invoice_pdf, render_stay_receipt
from .models import CheckIn, Invoice, LoyaltyMember, Stay

PREFS_SALT = "portal.prefs"


class CheckInForm(forms.Form):
    nationality = forms.CharField(max_length=2)
    document_type = forms.ChoiceField(choices=[("passport", "Passport"), ("id_card", "ID card")])
    document_number = forms.CharField(max_length=32)
    eta = forms.TimeField(required=False)
    id_scan = forms.FileField(required=False)


def _member(request):
    return get_object_or_404(LoyaltyMember, user=request.user)


@login_required
def online_checkin(request, confirmation_code):
    stay = get_object_or_404(Stay, confirmation_code=confirmation_code, member__user=request.user)
    form = CheckInForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        scan_path = ""
        upload = form.cleaned_data.get("id_scan")
        if upload:
            ext = os.path.splitext(upload.name)[1].lower()[:5]
            scan_path = default_storage.save(f"id-scans/{uuid.uuid4().hex}{ext}", upload)  #@safe
        CheckIn.objects.update_or_create(
            stay=stay,
            defaults={
                "nationality": form.cleaned_data["nationality"].upper(),
                "document_type": form.cleaned_data["document_type"],
                "document_number": form.cleaned_data["document_number"],
                "eta": form.cleaned_data["eta"],
                "id_scan": scan_path,
            },
        )
        return redirect("stay-detail", confirmation_code=stay.confirmation_code)
    return render(request, "portal/checkin.html", {"form": form, "stay": stay})


@login_required
@require_POST
def upload_registration_page(request, confirmation_code):
    stay = get_object_or_404(Stay, confirmation_code=confirmation_code, member__user=request.user)
    page_name = request.POST.get("page_name", "page-1.jpg")
    folder = os.path.join(settings.MEDIA_ROOT, "registration", stay.confirmation_code)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, page_name), "wb") as fh:  #@vuln CWE-22
        for chunk in request.FILES["page"].chunks():
            fh.write(chunk)
    return JsonResponse({"stored": page_name})


@login_required
def invoice_list(request):
    member = _member(request)
    status = request.GET.get("status", "open")
    invoices = Invoice.objects.raw(  #@vuln CWE-89
        "SELECT i.* FROM guest_portal_invoice i JOIN guest_portal_stay s ON s.id = i.stay_id "
        "WHERE s.member_id = %d AND i.status = '%s' ORDER BY i.issued_at DESC" % (member.pk, status)
    )
    return render(request, "portal/invoices.html", {"invoices": invoices, "status": status})


@login_required
def invoice_search(request):
    member = _member(request)
    number = request.GET.get("number", "")
    invoices = Invoice.objects.raw(  #@safe
        "SELECT i.* FROM guest_portal_invoice i JOIN guest_portal_stay s ON s.id = i.stay_id "
        "WHERE s.member_id = %s AND i.number LIKE %s",
        [member.pk, number + "%"],
    )
    return render(request, "portal/invoices.html", {"invoices": invoices})


@login_required
@require_POST
def update_invoice_details(request, number):
    invoice = get_object_or_404(Invoice, number=number, stay__member__user=request.user, status="open")
    invoice.company_name = request.POST.get("company_name", "")[:160]
    invoice.vat_id = request.POST.get("vat_id", "")[:32]
    invoice.save(update_fields=["company_name", "vat_id"])
    return redirect("invoice-pdf", number=invoice.number)


@login_required
def invoice_pdf(request, number):
    invoice = get_object_or_404(Invoice, number=number, stay__member__user=request.user)
    path = render_invoice_pdf(invoice)
    return FileResponse(open(path, "rb"), content_type="application/pdf", filename=f"{number}.pdf")


@login_required
def stay_receipt(request, confirmation_code):
    stay = get_object_or_404(Stay, confirmation_code=confirmation_code, member__user=request.user)
    return FileResponse(open(render_stay_receipt(stay), "rb"), content_type="application/pdf")


@login_required
def loyalty_statement(request):
    member = _member(request)
    period = request.GET.get("period", "")
    path = os.path.join(settings.LOYALTY_STATEMENT_DIR, member.number, period + ".pdf")
    if not os.path.exists(path):
        raise Http404
    return FileResponse(open(path, "rb"), content_type="application/pdf")  #@vuln CWE-22


@login_required
def loyalty_dashboard(request):
    member = _member(request)
    year = request.GET.get("year", "2024")
    stays = member.stays.extra(where=["EXTRACT(YEAR FROM arrival) = %s" % year]).order_by("-arrival")  #@vuln CWE-89
    return render(request, "portal/loyalty.html", {"member": member, "stays": stays})


@login_required
@require_POST
def update_profile(request):
    member = _member(request)
    member.nickname = request.POST.get("nickname", "").strip()[:60]
    member.save(update_fields=["nickname"])
    return redirect("loyalty-dashboard")


@login_required
def points_history(request):
    member = _member(request)
    order = request.GET.get("order", "arrival")
    bonus_sql = f"SELECT SUM(points) FROM loyalty_bonus b WHERE b.stay_id = guest_portal_stay.id AND b.kind = '{order}'"
    stays = member.stays.annotate(bonus=RawSQL(bonus_sql, ()))  #@vuln CWE-89
    return render(request, "portal/points.html", {"stays": stays})


def welcome(request):
    guest = request.GET.get("guest", "")
    return HttpResponse(f"<html><body><h1>Welcome to Grand Meridian, {guest}!</h1></body></html>")  #@vuln CWE-79


def portal_login(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST["email"], password=request.POST["password"])
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(request.POST.get("next") or "/portal/")  #@vuln CWE-601
    return render(request, "portal/login.html", {"next": request.GET.get("next", "")})


@login_required
@require_POST
def preview_welcome_message(request):
    member = _member(request)
    body = request.POST.get("message", "")
    rendered = Template(body).render(Context({"member": member, "user": request.user}))  #@vuln CWE-1336
    return JsonResponse({"preview": rendered})


@login_required
def remember_member(request):
    member = _member(request)
    response = redirect("loyalty-dashboard")
    response.set_cookie("gm_member", member.number, max_age=60 * 60 * 24 * 365)  #@vuln CWE-614|CWE-1004
    return response


@login_required
def remember_language(request):
    response = redirect("/portal/")
    lang = request.GET.get("lang", "en")[:5]
    response.set_cookie("gm_lang", lang, secure=True, httponly=True, samesite="Lax")  #@safe
    return response


def room_preferences(request):
    raw = request.COOKIES.get("gm_prefs")
    prefs = pickle.loads(base64.b64decode(raw)) if raw else {}  #@vuln CWE-502
    return JsonResponse({"pillow": prefs.get("pillow", "standard"), "floor": prefs.get("floor", "any")})


def stay_preferences(request):
    raw = request.COOKIES.get("gm_stay_prefs")
    try:
        prefs = signing.loads(raw, salt=PREFS_SALT, max_age=86400 * 90) if raw else {}  #@safe
    except signing.BadSignature:
        prefs = {}
    return JsonResponse(prefs)
