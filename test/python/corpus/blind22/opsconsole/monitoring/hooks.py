"""Signal receivers and Celery tasks that fan incidents out to webhooks/on-call."""
import hashlib
import hmac
import json
import logging

import requests
from celery import shared_task
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import services
from .models import CheckResult, Incident, StatusCheck, Webhook

logger = logging.getLogger(__name__)

PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue"
PAGERDUTY_ROUTING_KEY = "e93facc04764012d7bfb002500d5d1a6"  #@vuln CWE-798


@receiver(post_save, sender=Incident)
def incident_saved(sender, instance, created, **kwargs):
    payload = {
        "id": instance.pk,
        "title": instance.title,
        "severity": instance.severity,
        "state": instance.state,
        "opened_at": instance.opened_at.isoformat(),
    }
    for hook_id in Webhook.objects.filter(tenant=instance.tenant, active=True).values_list("pk", flat=True):
        deliver_webhook.delay(hook_id, payload)
    if created and instance.severity == "critical":
        page_oncall.delay(instance.pk)


@receiver(post_save, sender=StatusCheck)
def check_saved(sender, instance, created, **kwargs):
    if created:
        run_check.delay(instance.pk)


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def deliver_webhook(self, hook_id, payload):
    hook = Webhook.objects.get(pk=hook_id)
    body = json.dumps(payload).encode()
    sig = hmac.new(hook.secret.encode(), body, hashlib.sha256).hexdigest()
    try:
        resp = requests.post(hook.url, data=body, headers={"X-Ops-Signature": sig, "Content-Type": "application/json"}, timeout=10)  #@vuln CWE-918
    except requests.RequestException as exc:
        raise self.retry(exc=exc)
    hook.last_status = resp.status_code
    hook.save(update_fields=["last_status"])


@shared_task
def page_oncall(incident_id):
    incident = Incident.objects.select_related("tenant").get(pk=incident_id)
    event = {
        "routing_key": PAGERDUTY_ROUTING_KEY,
        "event_action": "trigger",
        "dedup_key": f"opsconsole-{incident.pk}",
        "payload": {"summary": incident.title, "source": incident.tenant.slug, "severity": "critical"},
    }
    requests.post(PAGERDUTY_URL, json=event, timeout=10).raise_for_status()


@shared_task
def run_check(check_id):
    check = StatusCheck.objects.get(pk=check_id)
    probe = {"http": services.probe_http, "keyword": services.probe_keyword, "ping": services.probe_ping}[check.kind]
    result = probe(check)
    CheckResult.objects.create(check=check, ok=result["ok"], detail=result)
    if not result["ok"] and check.open_incident_on_failure:
        Incident.objects.get_or_create(tenant=check.tenant, check=check, state="open", defaults={"title": f"{check.name} is failing", "severity": check.severity})
