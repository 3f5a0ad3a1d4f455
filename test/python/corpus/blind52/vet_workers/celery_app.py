"""Celery application for reminders, exports and housekeeping jobs."""
import os

from celery import Celery
from celery.schedules import crontab

app = Celery(
    "vet_workers",
    broker=os.environ.get("CELERY_BROKER_URL", "redis://redis.pawsnet.internal:6379/0"),
    backend=os.environ.get("CELERY_RESULT_BACKEND", "redis://redis.pawsnet.internal:6379/1"),
    include=["vet_workers.tasks"],
)

app.conf.update(
    task_serializer="pickle",  #@vuln CWE-502
    accept_content=["pickle", "json"],
    result_serializer="json",
    timezone="Europe/London",
    enable_utc=True,
    task_acks_late=True,
    worker_prefetch_multiplier=4,
    task_routes={
        "vet_workers.tasks.export_invoices": {"queue": "exports"},
        "vet_workers.tasks.convert_radiograph": {"queue": "imaging"},
    },
)

app.conf.beat_schedule = {
    "appointment-reminders-morning": {
        "task": "vet_workers.tasks.send_appointment_reminders",
        "schedule": crontab(hour=8, minute=0),
        "args": (1,),
    },
    "nightly-db-backup": {
        "task": "vet_workers.tasks.backup_database",
        "schedule": crontab(hour=2, minute=15),
    },
}
