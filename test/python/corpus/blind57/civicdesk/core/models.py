from django.conf import settings
from django.db import models


class Resident(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True)
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=32, blank=True)
    street_address = models.CharField(max_length=255)
    ward = models.CharField(max_length=8)
    library_card = models.CharField(max_length=20, blank=True)
    kiosk_password = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.full_name


class Permit(models.Model):
    STATUS_CHOICES = [
        ("draft", "Draft"),
        ("submitted", "Submitted"),
        ("review", "In review"),
        ("approved", "Approved"),
        ("rejected", "Rejected"),
    ]
    reference = models.CharField(max_length=20, unique=True)
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="permits")
    permit_type = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default="draft")
    site_address = models.CharField(max_length=255)
    street_name = models.CharField(max_length=120)
    ward = models.CharField(max_length=8)
    description = models.TextField(blank=True)
    notice_text = models.TextField(blank=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    fee_cents = models.IntegerField(default=0)
    confirmation_code = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class PermitDocument(models.Model):
    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="documents")
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class ParkingTicket(models.Model):
    ticket_no = models.CharField(max_length=16, unique=True)
    plate = models.CharField(max_length=12, db_index=True)
    plate_state = models.CharField(max_length=2, default="IL")
    violation_code = models.CharField(max_length=10)
    amount_cents = models.IntegerField()
    status = models.CharField(max_length=16, default="open")
    issued_at = models.DateTimeField()
    photo_url = models.URLField(blank=True)


class ParkingAppeal(models.Model):
    ticket = models.ForeignKey(ParkingTicket, on_delete=models.CASCADE, related_name="appeals")
    reference = models.CharField(max_length=16, unique=True)
    statement = models.TextField()
    license_number_enc = models.CharField(max_length=200, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)


class LibraryHold(models.Model):
    card_number = models.CharField(max_length=20, db_index=True)
    isbn = models.CharField(max_length=17)
    title = models.CharField(max_length=300)
    branch = models.CharField(max_length=40)
    pickup_pin = models.CharField(max_length=8)
    status = models.CharField(max_length=16, default="waiting")
    placed_at = models.DateTimeField(auto_now_add=True)


class WebhookSubscription(models.Model):
    owner = models.ForeignKey(Resident, on_delete=models.CASCADE)
    callback_url = models.URLField()
    event = models.CharField(max_length=40)
    active = models.BooleanField(default=True)
