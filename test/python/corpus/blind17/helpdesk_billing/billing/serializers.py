from rest_framework import serializers

from .models import Invoice, WebhookEndpoint


class InvoiceSerializer(serializers.ModelSerializer):
    balance_cents = serializers.IntegerField(read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id", "number", "customer_ref", "customer_name", "currency",
            "total_cents", "paid_cents", "balance_cents", "status", "due_date",
        ]


class WebhookEndpointSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "active"]
