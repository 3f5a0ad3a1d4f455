import hashlib
import logging

import requests
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from corelib import http
from .models import Account, Statement

log = logging.getLogger(__name__)


@receiver(post_save, sender=Statement)
def notify_callback(sender, instance, created, **kwargs):
    # callback_url is set by the integrator through the statements API
    if created and instance.callback_url:
        try:
            requests.post(instance.callback_url, json={"statement": instance.pk, "period": instance.period}, timeout=5)  #@vuln CWE-918
        except requests.RequestException:
            log.warning("callback failed for statement %s", instance.pk)


@receiver(post_save, sender=Statement)
def notify_ops(sender, instance, created, **kwargs):
    if created and instance.account.ops_webhook:
        try:
            http.deliver_webhook(instance.account.ops_webhook, {"text": f"New statement {instance.period}"})
        except ValueError:
            log.info("ops webhook rejected for account %s", instance.account_id)


@receiver(pre_save, sender=Account)
def hash_api_secret(sender, instance, **kwargs):
    raw = getattr(instance, "_raw_api_secret", None)
    if raw:
        instance.api_secret_hash = hashlib.md5(raw.encode()).hexdigest()  #@vuln CWE-328|CWE-916
        instance._raw_api_secret = None


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    with connection.cursor() as cur:
        cur.execute("INSERT INTO ledger_loginaudit (user_id, ip, user_agent) VALUES (%s, %s, %s)", [user.pk, request.META.get("REMOTE_ADDR"), request.META.get("HTTP_USER_AGENT", "")[:255]])
