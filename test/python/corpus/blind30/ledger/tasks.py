"""Celery tasks; periodic ones are wired in settings.CELERY_BEAT_SCHEDULE."""
import csv
import io
import logging
import pickle
import subprocess
from datetime import date, timedelta

import requests
from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from corelib import crypto, http, storage
from .models import PartnerFeed, ScheduledJob, Transaction

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=120)
def sync_partner_feeds(self):
    for feed in PartnerFeed.objects.filter(active=True):
        try:
            resp = requests.get(feed.url, timeout=30, verify=False, headers={"X-Signature": crypto.partner_signature(feed.name)})  #@vuln CWE-295
            resp.raise_for_status()
        except requests.RequestException as exc:
            log.warning("feed %s failed: %s", feed.name, exc)
            continue
        if feed.format == "pickle":
            rows = pickle.loads(resp.content)  #@vuln CWE-502
        else:
            rows = list(csv.DictReader(io.StringIO(resp.text)))
        _ingest(feed, rows)


def _ingest(feed, rows):
    objs = [Transaction(account_id=feed.account_id, amount=r["amount"], memo=r.get("memo", "")[:255], merchant_name=r.get("merchant", "")) for r in rows]
    Transaction.objects.bulk_create(objs, batch_size=500)


@shared_task
def push_partner_balance(account_id: int, balance: str):
    sess = http.partner_session()
    sess.post("https://api.northbank.example/v1/balances", json={"account": account_id, "balance": balance}, timeout=15)


@shared_task
def refresh_fx_rates():
    rates = http.fetch_fx_rates()
    cache.set("fx:rates", rates, 3600)


@shared_task
def archive_last_month():
    first = date.today().replace(day=1)
    period = (first - timedelta(days=1)).strftime("%Y-%m")
    out = f"{settings.EXPORT_DIR}/archive-{period}.tar.gz"
    subprocess.run(["tar", "czf", out, "-C", settings.STATEMENT_ROOT, period], check=True)
    storage.ExportStorage().save(f"archive/{period}.tar.gz", open(out, "rb"))


@shared_task
def purge_exports(prefix: str):
    subprocess.call("aws s3 rm s3://ledger-exports-prod/exports/" + prefix + " --recursive", shell=True)  #@vuln CWE-78


@shared_task
def run_due_jobs():
    now = timezone.now()
    for job in ScheduledJob.objects.filter(enabled=True, next_run__lte=now):
        run_tenant_job.delay(job.pk)
        job.next_run = now + timedelta(minutes=job.interval_minutes)
        job.save(update_fields=["next_run"])


@shared_task
def run_tenant_job(job_id: int):
    """Tenants can write small automation scripts in the back-office editor."""
    job = ScheduledJob.objects.select_related("tenant").get(pk=job_id)
    scope = {"tenant": job.tenant, "Transaction": Transaction, "log": log}
    exec(compile(job.script, f"<job {job.pk}>", "exec"), scope)  #@vuln CWE-95|CWE-94
    log.info("tenant job %s finished", job.pk)
