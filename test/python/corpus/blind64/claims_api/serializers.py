import yaml
from rest_framework import serializers

from .models import Attachment, Claim, ClaimNote, Policy


class PolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = Policy
        fields = ["id", "policy_number", "product_line", "annual_premium", "effective_date", "expiry_date"]
        read_only_fields = fields


class ClaimNoteSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.get_full_name", read_only=True)

    class Meta:
        model = ClaimNote
        fields = ["id", "body", "internal", "author_name", "created_at"]
        read_only_fields = ["id", "author_name", "created_at"]


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "uploaded_at"]


class ClaimSerializer(serializers.ModelSerializer):
    notes = ClaimNoteSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    days_open = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Claim
        fields = [
            "id",
            "claim_number",
            "policy_number",
            "status",
            "loss_date",
            "loss_region",
            "description",
            "amount",
            "reserve_amount",
            "tags",
            "notes",
            "attachments",
            "days_open",
        ]
        read_only_fields = ["id", "claim_number", "status", "reserve_amount"]


class FirstNoticeOfLossSerializer(serializers.Serializer):
    policy_number = serializers.CharField(max_length=32)
    loss_date = serializers.DateField()
    loss_region = serializers.CharField(max_length=32)
    description = serializers.CharField(max_length=5000)
    estimated_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    evidence_url = serializers.URLField(required=False)


class TriageRulesSerializer(serializers.Serializer):
    rules_yaml = serializers.CharField()

    def validate_rules_yaml(self, value):
        try:
            parsed = yaml.safe_load(value)  #@safe
        except yaml.YAMLError as exc:
            raise serializers.ValidationError(f"Invalid YAML: {exc}")
        if not isinstance(parsed, list):
            raise serializers.ValidationError("Rules must be a list")
        return parsed


class PayoutCalculationSerializer(serializers.Serializer):
    formula = serializers.CharField(max_length=255)
    deductible = serializers.DecimalField(max_digits=10, decimal_places=2)
    limit = serializers.DecimalField(max_digits=12, decimal_places=2)
