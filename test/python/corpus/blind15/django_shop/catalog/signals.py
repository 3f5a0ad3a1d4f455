import hashlib
import random
import secrets
import string

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Customer

ALPHABET = string.ascii_uppercase + string.digits


@receiver(pre_save, sender=Customer)
def hash_customer_pin(sender, instance, **kwargs):
    if instance.pin:
        instance.pin_hash = hashlib.md5(instance.pin.encode()).hexdigest()  #@vuln CWE-327|CWE-328
        instance.pin = ""


@receiver(post_save, sender=Customer)
def issue_codes(sender, instance, created, **kwargs):
    if not created:
        return
    activation = "".join(random.choice(ALPHABET) for _ in range(10))  #@vuln CWE-338|CWE-330
    token = secrets.token_urlsafe(32)  #@safe
    Customer.objects.filter(pk=instance.pk).update(activation_code=activation, api_token=token)
