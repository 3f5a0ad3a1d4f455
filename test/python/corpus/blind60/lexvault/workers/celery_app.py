"""Celery application for OCR, conversion and ingest workers."""
from __future__ import annotations

from celery import Celery
from kombu import Queue

from lexvault.common.settings import get_settings

settings = get_settings()

celery_app = Celery(
    "lexvault",
    broker=settings.redis_url,
    backend=settings.redis_url,
    include=[
        "lexvault.workers.ocr_tasks",
        "lexvault.workers.convert_tasks",
        "lexvault.workers.ingest_tasks",
    ],
)

celery_app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_time_limit=60 * 60,
    task_soft_time_limit=55 * 60,
    task_default_queue="default",
    task_queues=(Queue("default"), Queue("ocr"), Queue("convert"), Queue("ingest")),
    task_routes={
        "lexvault.workers.ocr_tasks.*": {"queue": "ocr"},
        "lexvault.workers.convert_tasks.*": {"queue": "convert"},
        "lexvault.workers.ingest_tasks.*": {"queue": "ingest"},
    },
    timezone="UTC",
)
