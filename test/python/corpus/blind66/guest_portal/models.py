from django.conf import settings
from django.db import models


class LoyaltyMember(models.Model):
    TIERS = [("silver", "Silver"), ("gold", "Gold"), ("platinum", "Platinum")]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    number = models.CharField(max_length=20, unique=True)
    tier = models.CharField(max_length=12, choices=TIERS, default="silver")
    nickname = models.CharField(max_length=60, blank=True)
    points = models.PositiveIntegerField(default=0)
    joined = models.DateField(auto_now_add=True)


class Stay(models.Model):
    member = models.ForeignKey(LoyaltyMember, on_delete=models.CASCADE, related_name="stays")
    confirmation_code = models.CharField(max_length=12)
    arrival = models.DateField()
    departure = models.DateField()
    room_number = models.CharField(max_length=8, blank=True)
    points_earned = models.PositiveIntegerField(default=0)


class Invoice(models.Model):
    STATUS = [("open", "Open"), ("paid", "Paid"), ("void", "Void")]

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="invoices")
    number = models.CharField(max_length=20, unique=True)
    guest_name = models.CharField(max_length=160)
    company_name = models.CharField(max_length=160, blank=True)
    vat_id = models.CharField(max_length=32, blank=True)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    status = models.CharField(max_length=8, choices=STATUS, default="open")
    issued_at = models.DateTimeField(auto_now_add=True)


class CheckIn(models.Model):
    stay = models.OneToOneField(Stay, on_delete=models.CASCADE)
    nationality = models.CharField(max_length=2)
    document_type = models.CharField(max_length=16)
    document_number = models.CharField(max_length=32)
    id_scan = models.CharField(max_length=255, blank=True)
    eta = models.TimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
