import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

BROKER_URL = os.getenv("NOTIFY_BROKER_URL", "amqp://notify:N0tify-Rabbit-77@rabbitmq.internal:5672/notify")  #@vuln CWE-798
RESULT_BACKEND = os.getenv("NOTIFY_RESULT_BACKEND", "redis://redis:6379/1")

app = Celery("notify", broker=BROKER_URL, backend=RESULT_BACKEND, include=["notify.tasks_email", "notify.tasks_media", "notify.feeds"])

app.conf.update(
    task_serializer="pickle",
    result_serializer="json",
    accept_content=["json", "pickle"],  #@vuln CWE-502
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_default_queue="default",
    task_queues=(Queue("default"), Queue("email"), Queue("media"), Queue("feeds")),
    task_routes={
        "notify.*": {"queue": "email"},
        "media.*": {"queue": "media"},
        "feeds.*": {"queue": "feeds"},
    },
    beat_schedule={
        "supplier-feeds-hourly": {"task": "feeds.refresh_all", "schedule": crontab(minute=5)},
    },
    timezone="UTC",
)
