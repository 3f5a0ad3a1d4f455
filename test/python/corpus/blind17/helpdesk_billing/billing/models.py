from django.conf import settings
from django.db import models


class Invoice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        OPEN = "open"
        PAID = "paid"
        VOID = "void"

    tenant = models.ForeignKey("accounts.Tenant", on_delete=models.CASCADE, related_name="invoices")
    number = models.CharField(max_length=32, unique=True)
    customer_ref = models.CharField(max_length=64, db_index=True)
    customer_name = models.CharField(max_length=200)
    currency = models.CharField(max_length=3, default="EUR")
    total_cents = models.BigIntegerField(default=0)
    paid_cents = models.BigIntegerField(default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(blank=True)
    pdf_name = models.CharField(max_length=128, blank=True)
    due_date = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    @property
    def balance_cents(self) -> int:
        return self.total_cents - self.paid_cents


class WebhookEndpoint(models.Model):
    tenant = models.ForeignKey("accounts.Tenant", on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField()
    secret = models.CharField(max_length=64)
    active = models.BooleanField(default=True)


class FxRate(models.Model):
    code = models.CharField(max_length=3, unique=True)
    rate = models.DecimalField(max_digits=12, decimal_places=6)
