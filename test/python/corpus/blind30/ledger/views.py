"""DRF endpoints used by the back-office SPA (mounted at /bo/api/)."""
import base64
import logging
import pickle

import defusedxml.ElementTree as DET
import yaml
from lxml import etree
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action, api_view, parser_classes, permission_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response

from corelib import auth
from . import repositories, services
from .models import CategorisationRule, Statement, Transaction

log = logging.getLogger(__name__)

CAMT_NS = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"}


class StatementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Statement
        fields = ["id", "account", "period", "status", "memo", "callback_url", "created_at"]
        read_only_fields = ["status", "created_at"]


class StatementViewSet(viewsets.ModelViewSet):
    serializer_class = StatementSerializer

    def get_queryset(self):
        qs = Statement.objects.filter(account__owner=self.request.user).select_related("account")
        period = self.request.query_params.get("period")
        if period:
            qs = qs.extra(where=["period = %s"], params=[period])  #@safe
        return qs

    @action(detail=False, methods=["get"])
    def by_merchant(self, request):
        merchant = request.query_params.get("merchant", "")
        rows = repositories.merchant_transactions(request.user.pk, merchant)
        return Response([{"id": t.pk, "amount": str(t.amount)} for t in rows[:200]])

    @action(detail=False, methods=["get"])
    def converted(self, request):
        currency = request.query_params.get("currency", "EUR")
        qs = repositories.with_fx_amount(Transaction.objects.filter(account__owner=request.user), currency)
        return Response(list(qs.values("id", "amount", "converted")[:200]))

    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser])
    def import_rules(self, request):
        upload = request.FILES["rules"]
        rules = yaml.load(upload.read(), Loader=yaml.Loader)  #@vuln CWE-502
        created = [CategorisationRule.objects.create(owner=request.user, **r) for r in rules]
        return Response({"created": len(created)}, status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser], url_path="import-rules-v2")
    def import_rules_v2(self, request):
        rules = yaml.safe_load(request.FILES["rules"].read()) or []  #@safe
        allowed = {"pattern", "category", "priority"}
        created = [CategorisationRule.objects.create(owner=request.user, **{k: v for k, v in r.items() if k in allowed}) for r in rules]
        return Response({"created": len(created)}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def restore_snapshot(self, request, pk=None):
        stmt = self.get_object()
        state = pickle.loads(base64.b64decode(request.data["snapshot"]))  #@vuln CWE-502
        stmt.memo = state.get("memo", stmt.memo)
        stmt.save(update_fields=["memo"])
        return Response({"ok": True})

    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser])
    def load_report(self, request):
        definition = services.load_saved_report(request.FILES["report"].read())
        return Response(services.run_report_checked(request.data["account"], definition["filters"]))

    @action(detail=True, methods=["post"])
    def pdf(self, request, pk=None):
        stmt = self.get_object()
        header_url = request.data.get("header_url", "https://ledger.example.com/static/pdf/header.html")
        return Response({"path": services.render_pdf(stmt, header_url)})

    @action(detail=True, methods=["post"])
    def preview_email(self, request, pk=None):
        stmt = self.get_object()
        return Response({"html": services.render_statement_email(stmt, request.data.get("template"))})


@api_view(["POST"])
def parse_camt(request):
    """Bank-to-customer statement upload (camt.053)."""
    doc = etree.fromstring(request.body, etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
    entries = doc.findall(".//c:Ntry", CAMT_NS)
    return Response({"entries": len(entries)})


@api_view(["POST"])
def parse_camt_v2(request):
    doc = DET.fromstring(request.body)  #@safe
    entries = doc.findall(".//{%s}Ntry" % CAMT_NS["c"])
    return Response({"entries": len(entries)})


@api_view(["POST"])
def parse_camt_hardened(request):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    doc = etree.fromstring(request.body, parser)  #@safe
    return Response({"entries": len(doc.findall(".//c:Ntry", CAMT_NS))})


@api_view(["GET"])
@permission_classes([IsAdminUser])
def directory_lookup(request):
    uid = request.query_params.get("uid", "")
    entries = auth.find_directory_user(uid)
    return Response([{"dn": dn, "cn": attrs.get("cn", [b""])[0].decode()} for dn, attrs in entries])


@api_view(["GET"])
@permission_classes([IsAdminUser])
def audit_trail(request):
    actor = request.query_params.get("actor", "")
    if request.query_params.get("v") == "2":
        return Response(services.audit_events_for_v2(actor))
    return Response(services.audit_events_for(actor))
