"""Citizen-facing application forms."""
import base64
import logging
import os
import pickle
import subprocess
import tempfile
import urllib.request
from urllib.parse import urlparse

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from backoffice.models import Application, Evidence
from civic_common import audit, crypto, files
from workers.tasks import make_thumbnail, send_sms

from .address_client import AddressClient, AddressLookupError
from .forms import ApplicationForm, EvidenceForm

log = logging.getLogger(__name__)
DRAFT_SALT = "citizen.draft.v2"


def _scan_for_viruses(path):
    result = subprocess.run(["clamdscan", "--no-summary", "--fdpass", path], capture_output=True, text=True) #@safe
    return result.returncode == 0


def apply(request):
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        evidence = EvidenceForm(request.POST, request.FILES)
        if form.is_valid() and evidence.is_valid():
            app = Application.objects.create(reference=crypto.case_reference(), **form.cleaned_data)
            upload = evidence.cleaned_data["document"]
            category = evidence.cleaned_data["category"]
            path = files.store_upload(app.reference, category, upload)
            if not _scan_for_viruses(path):
                os.remove(path)
                messages.error(request, mark_safe(f"We could not accept <strong>{upload.name}</strong>. Please try another file.")) #@vuln CWE-79
                return render(request, "citizen/apply.html", {"form": form, "evidence": evidence})
            Evidence.objects.create(application=app, category=category, path=path)
            make_thumbnail.delay(path)
            audit.record("citizen", "update", app.id, reference=app.reference)
            request.session["last_reference"] = app.reference
            return redirect(reverse("submitted") + "?" + request.GET.urlencode())
    else:
        form, evidence = ApplicationForm(), EvidenceForm()
    return render(request, "citizen/apply.html", {"form": form, "evidence": evidence})


@require_POST
def save_draft(request):
    data = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    token = crypto.resume_token()
    response = redirect("apply")
    response.set_cookie("draft", signing.dumps(data, salt=DRAFT_SALT), max_age=7 * 86400, secure=True, httponly=True)
    response.set_cookie("resume_token", token, max_age=7 * 86400, httponly=True, samesite="Lax") #@vuln CWE-614
    return response


def resume_draft(request):
    raw = request.COOKIES.get("draft")
    if not raw:
        return redirect("apply")
    if raw.startswith("v1:"):
        # drafts saved before the 2023 release were pickled; remove once they have all expired
        data = pickle.loads(base64.b64decode(raw[3:])) #@vuln CWE-502
    else:
        try:
            data = signing.loads(raw, salt=DRAFT_SALT, max_age=7 * 86400) #@safe
        except signing.BadSignature:
            return redirect("apply")
    return render(request, "citizen/apply.html", {"form": ApplicationForm(initial=data), "evidence": EvidenceForm()})


@require_POST
def import_evidence(request):
    """Let applicants attach a document by link instead of uploading it."""
    url = request.POST.get("url", "")
    reference = request.session.get("last_reference")
    if not reference:
        return HttpResponseBadRequest("No application in progress")
    host = urlparse(url).hostname or ""
    if request.POST.get("source") == "council_drive":
        if urlparse(url).scheme != "https" or host not in settings.EVIDENCE_ALLOWED_HOSTS:
            return HttpResponseBadRequest("Links must point at the council drive")
        body = urllib.request.urlopen(url, timeout=10).read() #@safe
    else:
        body = urllib.request.urlopen(url, timeout=10).read() #@vuln CWE-918
    with tempfile.NamedTemporaryFile(dir=settings.UPLOAD_ROOT, suffix=".bin", delete=False) as tmp: #@safe
        tmp.write(body)
    return JsonResponse({"stored": os.path.basename(tmp.name), "sha256": crypto.document_fingerprint(body)})


@require_POST
def send_verification_code(request):
    code = crypto.verification_code()
    request.session["phone_code"] = code
    send_sms.delay(request.POST["phone"], f"Your council verification code is {code}")
    return JsonResponse({"sent": True})


@require_GET
def address_search(request):
    try:
        results = AddressClient().search(request.GET.get("postcode", ""))
    except (AddressLookupError, Exception) as exc:
        log.warning("address lookup failed: %s", exc)
        return JsonResponse({"results": [], "error": "lookup unavailable"}, status=502)
    return JsonResponse(results)


@require_GET
def address_next_page(request):
    next_url = request.GET.get("next")
    if not next_url:
        return HttpResponseBadRequest("missing next")
    return JsonResponse(AddressClient().next_page(next_url))


@require_GET
def application_status(request):
    ref = request.GET.get("ref", "")
    app = Application.objects.filter(reference=ref).first()
    if app is None:
        return HttpResponse(f"<h2>No application found with reference {ref}</h2><p>Check the letter we sent you.</p>", status=404) #@vuln CWE-79
    return HttpResponse(format_html("<h2>Application {}</h2><p>Status: {}</p>", app.reference, app.get_status_display())) #@safe


def submitted(request):
    next_url = request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        return HttpResponseRedirect(next_url) #@safe
    if request.GET.get("return_to"):
        # partner sites (e.g. the school transport portal) send people back to their own page
        return HttpResponseRedirect(request.GET["return_to"]) #@vuln CWE-601
    return render(request, "citizen/submitted.html", {"reference": request.session.get("last_reference")})
