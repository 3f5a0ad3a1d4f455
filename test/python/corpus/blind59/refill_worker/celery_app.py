"""Celery application for refill reminders and partner sync jobs."""
import os

from celery import Celery
from celery.schedules import crontab

DEFAULT_BROKER_URL = "amqp://rxworker:R3fill-Qu3ue-2023@mq.rxbridge.internal:5672/rx"  #@vuln CWE-798
BROKER_URL = os.environ.get("CELERY_BROKER_URL", DEFAULT_BROKER_URL)
RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/2")

app = Celery("refill_worker", broker=BROKER_URL, backend=RESULT_BACKEND, include=["refill_worker.tasks"])

app.conf.update(
    task_serializer="json",
    result_serializer="json",
    timezone="America/Chicago",
    enable_utc=True,
    task_acks_late=True,
    worker_prefetch_multiplier=4,
    task_default_queue="refills",
)
# partner pharmacies on the legacy integration still enqueue pickled payloads
app.conf.accept_content = ["json", "pickle"]  #@vuln CWE-502

app.conf.beat_schedule = {
    "daily-refill-reminders": {
        "task": "refill_worker.tasks.send_refill_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "weekly-adherence-export": {
        "task": "refill_worker.tasks.export_adherence_report",
        "schedule": crontab(day_of_week="mon", hour=6, minute=30),
    },
    "nightly-partner-formulary": {
        "task": "refill_worker.tasks.sync_partner_formulary",
        "schedule": crontab(hour=2, minute=15),
        "args": ("https://formulary.partner-pbm.example.com/v2/export.json",),
    },
}
