from django.conf import settings
from django.db import models


class Clinic(models.Model):
    code = models.SlugField(max_length=16, unique=True)
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=32)
    email = models.EmailField()
    webhook_url = models.URLField(blank=True)
    reminder_template = models.TextField(blank=True)

    def __str__(self):
        return self.name


class Owner(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="owners")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    mobile = models.CharField(max_length=32, blank=True)
    sms_opt_in = models.BooleanField(default=True)
    portal_password = models.CharField(max_length=128, blank=True)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class Patient(models.Model):
    SPECIES = [
        ("canine", "Dog"),
        ("feline", "Cat"),
        ("lagomorph", "Rabbit"),
        ("avian", "Bird"),
        ("exotic", "Exotic"),
    ]
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="patients")
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="pets")
    name = models.CharField(max_length=80)
    species = models.CharField(max_length=16, choices=SPECIES)
    breed = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    microchip = models.CharField(max_length=64, blank=True, db_index=True)
    alerts = models.TextField(blank=True)
    photo = models.BinaryField(null=True, editable=False)


class Appointment(models.Model):
    STATUS = [("booked", "Booked"), ("arrived", "Arrived"), ("done", "Done"), ("cancelled", "Cancelled")]
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="appointments")
    vet = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    starts_at = models.DateTimeField()
    duration_min = models.PositiveSmallIntegerField(default=15)
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=STATUS, default="booked")
    booking_code = models.CharField(max_length=12, unique=True)


class Invoice(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE)
    owner = models.ForeignKey(Owner, on_delete=models.PROTECT)
    appointment = models.ForeignKey(Appointment, on_delete=models.SET_NULL, null=True)
    number = models.CharField(max_length=20, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    paid = models.BooleanField(default=False)
