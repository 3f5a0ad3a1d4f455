import logging
import pickle

import redis
from celery import shared_task
from django.conf import settings

from . import services
from .models import Invoice, WebhookEndpoint

log = logging.getLogger(__name__)


def _redis():
    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def send_invoice_webhooks(self, invoice_id: int):
    invoice = Invoice.objects.select_related("tenant").get(pk=invoice_id)
    event = {"type": "invoice.updated", "number": invoice.number, "status": invoice.status}
    for endpoint in WebhookEndpoint.objects.filter(tenant=invoice.tenant, active=True):
        try:
            services.deliver_webhook(endpoint, event)
        except Exception as exc:
            log.warning("webhook %s failed for %s: %s", endpoint.pk, invoice.number, exc)
            raise self.retry(exc=exc)


@shared_task
def resume_reconciliation(job_id: str):
    blob = _redis().get(f"recon:{job_id}")
    if blob is None:
        return None
    state = pickle.loads(blob)  #@vuln CWE-502
    pending = state.get("pending", [])
    Invoice.objects.filter(number__in=pending).update(status=Invoice.Status.PAID)
    return len(pending)
