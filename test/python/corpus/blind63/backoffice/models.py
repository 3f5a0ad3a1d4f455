"""Back-office models mapped onto the shared Haulwise schema."""
from django.conf import settings
from django.db import models


class Depot(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    region = models.CharField(max_length=40)
    printer = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "depots"
        managed = False

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Driver(models.Model):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=120)
    fleet_code = models.CharField(max_length=16)
    licence_number = models.CharField(max_length=128, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "drivers"
        managed = False

    def __str__(self) -> str:
        return self.full_name


class Shipment(models.Model):
    reference = models.CharField(max_length=32, unique=True)
    customer_id = models.IntegerField()
    depot = models.ForeignKey(Depot, null=True, on_delete=models.SET_NULL)
    driver = models.ForeignKey(Driver, null=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=24)
    origin = models.CharField(max_length=255)
    destination = models.CharField(max_length=255)
    consignee = models.CharField(max_length=255)
    customer_notes = models.TextField(blank=True)
    priority = models.IntegerField(default=0)
    weight_kg = models.FloatField(default=0)
    eta = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "shipments"
        managed = False
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class DispatchNote(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "dispatch_notes"
