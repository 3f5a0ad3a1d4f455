from django.conf import settings
from django.db import models


class Contact(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    company = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=2, blank=True)
    score = models.IntegerField(default=0)
    tags = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=20, default="lead")
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def tag_list(self):
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class SavedSegment(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=80)
    rule = models.TextField()
    api_key_hash = models.CharField(max_length=64, blank=True)
