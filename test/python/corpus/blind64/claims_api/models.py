from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models


class Policy(models.Model):
    policy_number = models.CharField(max_length=32, unique=True)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="policies")
    product_line = models.CharField(max_length=32)  # auto, home, renters, umbrella
    annual_premium = models.DecimalField(max_digits=10, decimal_places=2)
    effective_date = models.DateField()
    expiry_date = models.DateField()
    holder_ssn_enc = models.BinaryField(null=True)

    class Meta:
        db_table = "claims_policy"


class Claim(models.Model):
    STATUS_CHOICES = [
        ("open", "Open"),
        ("review", "In review"),
        ("approved", "Approved"),
        ("denied", "Denied"),
        ("closed", "Closed"),
    ]

    claim_number = models.CharField(max_length=24, unique=True)
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="claims")
    policy_number = models.CharField(max_length=32, db_index=True)
    adjuster = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims"
    )
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default="open")
    loss_date = models.DateField()
    reported_at = models.DateTimeField(auto_now_add=True)
    loss_region = models.CharField(max_length=32)
    description = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    reserve_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    tags = ArrayField(models.CharField(max_length=32), default=list, blank=True)
    payout_formula = models.CharField(max_length=255, blank=True)

    class Meta:
        db_table = "claims_claim"


class ClaimNote(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    body = models.TextField()
    internal = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "claims_note"


class Attachment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="attachments")
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    s3_key = models.CharField(max_length=512, blank=True)
    ocr_text = models.TextField(blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "claims_attachment"


class PasswordResetToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used = models.BooleanField(default=False)
