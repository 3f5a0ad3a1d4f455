from django.conf import settings
from django.db import models


class Application(models.Model):
    STATUS_CHOICES = [("received", "Received"), ("in_review", "In review"), ("awaiting_info", "Awaiting information"),
                      ("approved", "Approved"), ("refused", "Refused"), ("closed", "Closed")]
    reference = models.CharField(max_length=20, unique=True)
    service = models.CharField(max_length=40)
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(max_length=10)
    uprn = models.CharField(max_length=12, blank=True)
    address_line = models.CharField(max_length=300)
    ward_code = models.CharField(max_length=12, blank=True)
    statement = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default="received")
    priority = models.IntegerField(default=0)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    agency_ref = models.CharField(max_length=40, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "cases"


class Evidence(models.Model):
    application = models.ForeignKey(Application, related_name="evidence", on_delete=models.CASCADE)
    category = models.CharField(max_length=50)
    path = models.CharField(max_length=500)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class CaseNote(models.Model):
    application = models.ForeignKey(Application, related_name="notes", on_delete=models.CASCADE)
    author = models.CharField(max_length=150)
    body = models.TextField()
    from_citizen = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "case_notes"
