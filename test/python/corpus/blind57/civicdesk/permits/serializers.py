import ast

import yaml
from defusedxml import ElementTree as SafeET
from rest_framework import serializers

from core.models import Permit, PermitDocument


class PermitDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = PermitDocument
        fields = ["id", "original_name", "content_type", "uploaded_at"]
        read_only_fields = fields


class PermitSerializer(serializers.ModelSerializer):
    documents = PermitDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Permit
        fields = [
            "id",
            "reference",
            "permit_type",
            "status",
            "site_address",
            "street_name",
            "ward",
            "description",
            "notice_text",
            "latitude",
            "longitude",
            "fee_cents",
            "documents",
            "created_at",
        ]
        read_only_fields = ["reference", "status", "latitude", "longitude", "fee_cents", "created_at"]


class PermitImportSerializer(serializers.Serializer):
    """Bulk import of permits prepared by contractors as a YAML sheet."""

    sheet = serializers.CharField()

    def validate_sheet(self, value):
        try:
            rows = yaml.safe_load(value)  #@safe
        except yaml.YAMLError as exc:
            raise serializers.ValidationError(f"invalid sheet: {exc}")
        if not isinstance(rows, list):
            raise serializers.ValidationError("sheet must be a list of permits")
        return rows


class SitePlanSerializer(serializers.Serializer):
    plan = serializers.FileField()

    def validate_plan(self, upload):
        try:
            root = SafeET.fromstring(upload.read())  #@safe
        except SafeET.ParseError as exc:
            raise serializers.ValidationError(f"unreadable site plan: {exc}")
        parcels = [node.attrib.get("pin") for node in root.iter("parcel")]
        if not parcels:
            raise serializers.ValidationError("site plan lists no parcels")
        return {"parcels": parcels, "scale": root.attrib.get("scale", "1:500")}


class FeeScheduleSerializer(serializers.Serializer):
    permit_type = serializers.CharField(max_length=40)
    tiers = serializers.CharField(help_text="Python-style list of (max_sqft, cents) pairs")

    def validate_tiers(self, value):
        try:
            tiers = ast.literal_eval(value)  #@safe
        except (ValueError, SyntaxError):
            raise serializers.ValidationError("tiers must be a literal list")
        if not all(isinstance(t, tuple) and len(t) == 2 for t in tiers):
            raise serializers.ValidationError("each tier is (max_sqft, cents)")
        return sorted(tiers)
