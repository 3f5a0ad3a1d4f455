"""KYC document intake and review for the compliance team."""
import os
import subprocess
import uuid

import boto3
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from backoffice.models import KycDocument, Merchant

s3 = boto3.client("s3", region_name=settings.AWS_REGION, aws_access_key_id=settings.AWS_ACCESS_KEY_ID, aws_secret_access_key=settings.AWS_SECRET_ACCESS_KEY)
ALLOWED_DOC_TYPES = {"passport", "id_card", "proof_of_address", "company_registration"}


@login_required
@require_POST
def upload_document(request, merchant_id):
    merchant = get_object_or_404(Merchant, pk=merchant_id, staff=request.user)
    f = request.FILES["document"]
    doc_type = request.POST.get("doc_type", "")
    if doc_type not in ALLOWED_DOC_TYPES:
        return HttpResponseBadRequest("unknown document type")
    local_path = os.path.join(settings.KYC_SCRATCH_DIR, f"{merchant.pk}-{f.name}")
    with open(local_path, "wb") as out:  #@vuln CWE-22
        for chunk in f.chunks():
            out.write(chunk)
    extracted = ""
    if f.name.lower().endswith(".pdf"):
        extracted = subprocess.check_output(f"pdftotext -l 2 '{local_path}' -", shell=True, timeout=60).decode(errors="replace")  #@vuln CWE-78
    else:
        subprocess.run(["convert", local_path + "[0]", "-thumbnail", "400x400", local_path + ".thumb.png"], check=True, timeout=60)  #@safe
    ext = os.path.splitext(f.name)[1].lower()[:8]
    key = f"kyc/{merchant.pk}/{doc_type}/{uuid.uuid4().hex}{ext}"
    s3.upload_file(local_path, settings.KYC_BUCKET, key, ExtraArgs={"ServerSideEncryption": "aws:kms"})
    doc = KycDocument.objects.create(merchant=merchant, doc_type=doc_type, original_name=f.name, s3_key=key, extracted_text=extracted[:20000])
    return JsonResponse({"id": doc.pk, "status": doc.status})


@staff_member_required
def review_queue(request):
    docs = KycDocument.objects.filter(status="pending").select_related("merchant").order_by("created_at")[:50]
    rows = [format_html("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", d.merchant.legal_name, d.doc_type, d.original_name) for d in docs]  #@safe
    flash = mark_safe(f"<div class='flash'>{request.GET.get('flash', '')}</div>")  #@vuln CWE-79
    return render(request, "kyc/queue.html", {"rows": rows, "flash": flash})


@staff_member_required
def documents_by_status(request):
    status = request.GET.get("status", "pending")
    docs = KycDocument.objects.raw(f"SELECT * FROM backoffice_kycdocument WHERE status = '{status}' ORDER BY created_at DESC")  #@vuln CWE-89
    return render(request, "kyc/list.html", {"docs": docs, "status": status})


@staff_member_required
def documents_for_merchant(request, merchant_id):
    q = request.GET.get("q", "")
    docs = KycDocument.objects.raw("SELECT * FROM backoffice_kycdocument WHERE merchant_id = %s AND original_name ILIKE %s ORDER BY created_at DESC", [merchant_id, f"%{q}%"])  #@safe
    return render(request, "kyc/list.html", {"docs": docs, "q": q})


@staff_member_required
def cached_preview(request):
    name = request.GET.get("file", "")
    return FileResponse(open(os.path.join(settings.KYC_SCRATCH_DIR, name), "rb"))  #@vuln CWE-22


@staff_member_required
@require_POST
def approve(request, doc_id):
    doc = get_object_or_404(KycDocument, pk=doc_id)
    doc.status, doc.reviewed_by = "approved", request.user
    doc.save(update_fields=["status", "reviewed_by"])
    return HttpResponseRedirect(request.POST.get("next", "/kyc/"))  #@vuln CWE-601


@staff_member_required
@require_POST
def reject(request, doc_id):
    doc = get_object_or_404(KycDocument, pk=doc_id)
    doc.status, doc.reviewed_by = "rejected", request.user
    doc.save(update_fields=["status", "reviewed_by"])
    nxt = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        nxt = "/kyc/"
    return HttpResponseRedirect(nxt)  #@safe

