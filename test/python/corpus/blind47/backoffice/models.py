from django.conf import settings
from django.db import models


class Merchant(models.Model):
    legal_name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    billing_email = models.EmailField()
    country = models.CharField(max_length=2)
    logo_s3_key = models.CharField(max_length=255, blank=True)
    footer_template = models.TextField(blank=True, help_text="Jinja snippet rendered at the bottom of invoices")
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="merchants")


class KycDocument(models.Model):
    STATUS = [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")]

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="kyc_documents")
    doc_type = models.CharField(max_length=32)
    original_name = models.CharField(max_length=255)
    s3_key = models.CharField(max_length=512)
    status = models.CharField(max_length=16, choices=STATUS, default="pending")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    extracted_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class Invoice(models.Model):
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="invoices")
    number = models.CharField(max_length=32)
    customer_name = models.CharField(max_length=200)
    memo = models.TextField(blank=True)
    amount_cents = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    issued_at = models.DateField()
    due_at = models.DateField()
