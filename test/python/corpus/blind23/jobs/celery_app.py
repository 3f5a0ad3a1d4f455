"""Celery application and the beat schedule for the billing workers."""
import os

from celery import Celery
from celery.schedules import crontab

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://billing:Rabb1t-pr0d-2023@rabbitmq.internal:5672/billing")  #@vuln CWE-798
RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://redis.internal:6379/1")

celery = Celery("jobs", broker=BROKER_URL, backend=RESULT_BACKEND, include=["jobs.tasks"])

celery.conf.update(
    task_serializer="pickle",
    result_serializer="json",
    accept_content=["pickle", "json"],  #@vuln CWE-502
    timezone="UTC",
    enable_utc=True,
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_routes={
        "jobs.tasks.deliver_webhook": {"queue": "webhooks"},
        "jobs.tasks.generate_report": {"queue": "reports"},
        "jobs.tasks.import_partner_bundle": {"queue": "imports"},
    },
)

# --- scheduler ---------------------------------------------------------------
celery.conf.beat_schedule = {
    "nightly-db-backup": {
        "task": "jobs.tasks.backup_database",
        "schedule": crontab(hour=2, minute=15),
        "args": ("billing",),
    },
    "hourly-ledger-sync": {
        "task": "jobs.tasks.sync_ledger",
        "schedule": crontab(minute=5),
    },
    "purge-old-exports": {
        "task": "jobs.tasks.cleanup_exports",
        "schedule": crontab(hour=3, minute=0),
        "kwargs": {"max_age_days": 14},
    },
}
