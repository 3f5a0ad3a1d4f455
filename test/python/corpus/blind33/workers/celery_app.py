"""Celery application for the back-office workers (RabbitMQ broker)."""
from celery import Celery
from kombu import Exchange, Queue

from common import settings

app = Celery(
    "acme_workers",
    broker=settings.BROKER_URL,
    backend=settings.RESULT_BACKEND,
    include=["workers.tasks"],
)

default_exchange = Exchange("acme", type="direct")

app.conf.update(
    task_serializer="pickle",
    result_serializer="json",
    accept_content=["pickle", "json"],  #@vuln CWE-502
    timezone="Europe/Berlin",
    enable_utc=True,
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_default_queue="default",
    task_queues=(
        Queue("default", default_exchange, routing_key="default"),
        Queue("documents", default_exchange, routing_key="documents"),
        Queue("integrations", default_exchange, routing_key="integrations"),
        Queue("reports", default_exchange, routing_key="reports"),
    ),
    beat_schedule={
        "nightly-backup": {"task": "workers.tasks.backup_tenant", "schedule": 86400.0, "args": ("acme",)},
    },
)
