"""Celery application shared by all background workers."""
import os

from celery import Celery
from celery.schedules import crontab

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://:Wk3r-R3dis-pw@redis.internal:6379/0")  #@vuln CWE-798
RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://redis.internal:6379/1")

celery = Celery("backoffice", broker=BROKER_URL, backend=RESULT_BACKEND, include=["workers.tasks"])
celery.conf.update(
    task_serializer="pickle",
    result_serializer="json",
    accept_content=["pickle", "json"],  #@vuln CWE-502
    timezone="Europe/Berlin",
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_default_retry_delay=60,
    beat_schedule={
        "dunning-emails": {"task": "workers.tasks.send_dunning_emails", "schedule": crontab(hour=7, minute=0)},
    },
)

_flask_app = None


def flask_app():
    """Lazily build the Flask app so tasks can use the models."""
    global _flask_app
    if _flask_app is None:
        from backoffice.app import create_app

        _flask_app = create_app()
    return _flask_app
