from django.contrib.auth.models import AbstractUser
from django.db import models


class Tenant(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    sso_enabled = models.BooleanField(default=False)
    idp_metadata_url = models.URLField(blank=True)

    def __str__(self):
        return self.name


class User(AbstractUser):
    tenant = models.ForeignKey(Tenant, null=True, on_delete=models.CASCADE, related_name="users")
    legacy_password_hash = models.CharField(max_length=64, blank=True)
    legacy_salt = models.CharField(max_length=16, blank=True)
    avatar_url = models.URLField(blank=True)


class ApiKey(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys")
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64)
    revoked = models.BooleanField(default=False)


class Invitation(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    code = models.CharField(max_length=16, unique=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    accepted = models.BooleanField(default=False)
