import ast
import os
import re
import time
import uuid

import requests
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from intake_worker.tasks import fetch_remote_evidence, process_upload, upload_fileobj

from . import repositories
from .models import Attachment, Claim, ClaimNote, PasswordResetToken, Policy
from .security_utils import new_password_reset_token, sign_download_link
from .serializers import (
    ClaimNoteSerializer,
    ClaimSerializer,
    FirstNoticeOfLossSerializer,
    PayoutCalculationSerializer,
    PolicySerializer,
    TriageRulesSerializer,
)

User = get_user_model()

PAYOUT_NAMES = {"min": min, "max": max, "round": round, "abs": abs}


class PolicyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PolicySerializer

    def get_queryset(self):
        return Policy.objects.filter(holder=self.request.user)

    @action(detail=False, methods=["get"], url_path="by-premium")
    def by_premium(self, request):
        min_premium = request.query_params.get("min", "0")
        rows = repositories.policies_above_premium(min_premium)
        return Response(PolicySerializer(rows, many=True).data)


class ClaimViewSet(viewsets.ModelViewSet):
    serializer_class = ClaimSerializer

    def get_queryset(self):
        qs = Claim.objects.select_related("policy").prefetch_related("notes", "attachments")
        if not self.request.user.is_staff:
            qs = qs.filter(policy__holder=self.request.user)
        tag = self.request.query_params.get("tag")
        if tag:
            qs = repositories.filter_by_tag(qs, tag)
        since = self.request.query_params.get("open_since")
        if since:
            qs = repositories.annotate_days_open(qs, since)
        return qs

    @action(detail=False, methods=["get"])
    def search(self, request):
        status_filter = request.query_params.get("status", "open")
        policy_number = request.query_params.get("policy")
        ordering = request.query_params.get("ordering", "reported_at DESC")
        rows = repositories.search_claims(status_filter, policy_number, ordering)
        return Response(rows)

    @action(detail=False, methods=["get"], url_path="my-queue")
    def my_queue(self, request):
        rows = repositories.sorted_claims_for_adjuster(request.user.id, request.query_params.get("sort", "reported"))
        return Response(rows)

    @action(detail=False, methods=["get"])
    def region(self, request):
        claims = repositories.claims_in_region(request.query_params["region"])
        return Response(ClaimSerializer(claims, many=True).data)

    @action(detail=False, methods=["get"])
    def totals(self, request):
        return Response(
            repositories.claim_totals_by_product(request.query_params["product"], request.query_params.get("year", 2024))
        )

    @action(detail=False, methods=["get"], url_path="reserve-ratios")
    def reserve_ratios(self, request):
        weighting = request.query_params.get("weight", "1.0")
        qs = repositories.with_reserve_ratio(self.get_queryset(), weighting)
        qs = repositories.with_large_loss_flag(qs, request.query_params.get("large", "25000"))
        return Response(list(qs.values("claim_number", "reserve_ratio", "is_large_loss")))

    @action(detail=False, methods=["get"], url_path="match")
    def match_descriptions(self, request):
        pattern = re.compile(request.query_params["pattern"], re.IGNORECASE)  #@vuln CWE-1333
        hits = [c.claim_number for c in self.get_queryset() if pattern.search(c.description)]
        return Response({"matches": hits})

    @action(detail=False, methods=["get"], url_path="find-number")
    def find_number(self, request):
        prefix = re.compile("^" + re.escape(request.query_params.get("prefix", "")))  #@safe
        hits = [c.claim_number for c in self.get_queryset() if prefix.match(c.claim_number)]
        return Response({"matches": hits})

    @action(detail=True, methods=["get"], url_path="attachment")
    def download_attachment(self, request, pk=None):
        claim = self.get_object()
        filename = request.query_params["file"]
        path = os.path.join(settings.ATTACHMENT_ROOT, str(claim.id), filename)
        return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22

    @action(detail=True, methods=["get"], url_path="export")
    def download_export(self, request, pk=None):
        claim = self.get_object()
        name = os.path.basename(request.query_params.get("name", ""))
        export_dir = os.path.realpath(os.path.join(settings.EXPORT_ROOT, str(claim.id)))
        path = os.path.realpath(os.path.join(export_dir, name))
        if not path.startswith(export_dir + os.sep) or not os.path.isfile(path):
            raise Http404("export not found")
        return FileResponse(open(path, "rb"), as_attachment=True)  #@safe

    @action(detail=True, methods=["get"], url_path="share-link")
    def share_link(self, request, pk=None):
        claim = self.get_object()
        expires = int(time.time()) + 3600
        return Response({"url": sign_download_link(f"/claims/{claim.id}/export?name=summary.pdf", expires)})

    @action(detail=True, methods=["get"], url_path="summary.html")
    def summary_html(self, request, pk=None):
        claim = self.get_object()
        notes_html = "".join(
            f"<li><b>{n.author.get_full_name()}</b>: {n.body}</li>" for n in claim.notes.filter(internal=False)
        )
        page = (
            "<html><body><h1>Claim %s</h1><p>%s</p><ul>%s</ul></body></html>"
            % (claim.claim_number, claim.description, notes_html)
        )
        return HttpResponse(page)  #@vuln CWE-79

    @action(detail=True, methods=["get"], url_path="banner")
    def banner(self, request, pk=None):
        claim = self.get_object()
        greeting = request.query_params.get("greeting", "Welcome back")
        html = format_html("<div class='banner'>{} &mdash; claim {}</div>", greeting, claim.claim_number)  #@safe
        return HttpResponse(html)

    @action(detail=True, methods=["get"], url_path="status-card")
    def status_card(self, request, pk=None):
        claim = self.get_object()
        headline = mark_safe("<h2>" + request.query_params.get("title", claim.claim_number) + "</h2>")  #@vuln CWE-79
        return HttpResponse(headline + format_html("<p>Status: {}</p>", claim.get_status_display()))

    @action(detail=True, methods=["post"], url_path="payout")
    def payout(self, request, pk=None):
        claim = self.get_object()
        serializer = PayoutCalculationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        variables = {"amount": float(claim.amount), "deductible": float(data["deductible"]), "limit": float(data["limit"])}
        result = eval(data["formula"], {"__builtins__": {}}, {**PAYOUT_NAMES, **variables})  #@vuln CWE-95
        return Response({"claim": claim.claim_number, "payout": result})

    @action(detail=True, methods=["post"], url_path="reserve-bands")
    def reserve_bands(self, request, pk=None):
        bands = ast.literal_eval(request.data.get("bands", "[]"))  #@safe
        claim = self.get_object()
        band = next((b for b in sorted(bands) if float(claim.amount) <= b), None)
        return Response({"band": band})

    @action(detail=True, methods=["post"], url_path="photos/from-url")
    def photo_from_url(self, request, pk=None):
        claim = self.get_object()
        url = request.data["url"]
        resp = requests.get(url, timeout=15)  #@vuln CWE-918
        stored_name = f"{uuid.uuid4().hex}.jpg"
        dest_dir = os.path.join(settings.ATTACHMENT_ROOT, str(claim.id))
        os.makedirs(dest_dir, exist_ok=True)
        with open(os.path.join(dest_dir, stored_name), "wb") as fh:
            fh.write(resp.content)
        Attachment.objects.create(
            claim=claim, original_name=url.rsplit("/", 1)[-1], stored_name=stored_name, content_type="image/jpeg"
        )
        return Response(status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["post"], url_path="fnol")
    def first_notice_of_loss(self, request):
        serializer = FirstNoticeOfLossSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        policy = get_object_or_404(Policy, policy_number=data["policy_number"], holder=request.user)
        claim = Claim.objects.create(
            claim_number=f"CLM-{uuid.uuid4().hex[:10].upper()}",
            policy=policy,
            policy_number=policy.policy_number,
            loss_date=data["loss_date"],
            loss_region=data["loss_region"],
            description=data["description"],
            amount=data["estimated_amount"],
        )
        if data.get("evidence_url"):
            fetch_remote_evidence.delay(claim.id, data["evidence_url"])
        return Response({"claim_number": claim.claim_number}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="upload")
    def upload(self, request, pk=None):
        claim = self.get_object()
        upload = request.FILES["file"]
        key = f"incoming/{claim.id}/{upload.name}"
        upload_fileobj(upload, key)
        process_upload.delay({"claim_id": claim.id, "key": key, "lang": request.data.get("lang", "eng")})
        return Response({"key": key}, status=status.HTTP_202_ACCEPTED)


class ClaimNoteViewSet(viewsets.ModelViewSet):
    serializer_class = ClaimNoteSerializer

    def get_queryset(self):
        return ClaimNote.objects.filter(claim_id=self.kwargs["claim_pk"])

    def perform_create(self, serializer):
        serializer.save(author=self.request.user, claim_id=self.kwargs["claim_pk"])


class TriageRulesViewSet(viewsets.ViewSet):
    def create(self, request):
        serializer = TriageRulesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"rules": len(serializer.validated_data["rules_yaml"])})

    @action(detail=False, methods=["post"], url_path="import")
    def import_file(self, request):
        rules = yaml.load(request.FILES["rules"].read(), Loader=yaml.Loader)  #@vuln CWE-502
        return Response({"rules": len(rules or [])})


class PasswordResetViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]

    def create(self, request):
        user = User.objects.filter(email=request.data.get("email", "")).first()
        if user:
            token = new_password_reset_token()
            PasswordResetToken.objects.create(user=user, token=token)
            user.email_user("Reset your claims portal password", f"https://claims.example-insure.com/reset/{token}")
        return Response(status=status.HTTP_202_ACCEPTED)
