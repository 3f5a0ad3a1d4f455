"""Celery application for the channel-manager sync workers."""
import os

from celery import Celery
from celery.schedules import crontab
from pymongo import MongoClient

BROKER_URL = "amqp://channel_sync:Ch4nnelSync!2023@mq.internal:5672/pms"  #@vuln CWE-798
RESULT_BACKEND = os.environ.get("CHANNEL_SYNC_RESULTS", "redis://redis.internal:6379/3")
MONGO_URL = os.environ.get("CHANNEL_SYNC_MONGO_URL", "mongodb://mongo.internal:27017/?tls=true")
CONTENT_DIR = os.environ.get("CHANNEL_CONTENT_DIR", "/var/lib/channel-sync/content")
CA_BUNDLE = os.environ.get("CHANNEL_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")

app = Celery("channel_sync", broker=BROKER_URL, backend=RESULT_BACKEND, include=["channel_sync.tasks"])

app.conf.update(
    task_serializer="json",
    result_serializer="json",
    timezone="UTC",
    task_acks_late=True,
    worker_prefetch_multiplier=4,
    task_default_queue="channel-sync",
)
app.conf.accept_content = ["json", "pickle"]  #@vuln CWE-502

app.conf.beat_schedule = {
    "push-availability-every-5-min": {
        "task": "channel_sync.tasks.push_availability_all",
        "schedule": 300.0,
    },
    "refresh-content-nightly": {
        "task": "channel_sync.tasks.refresh_content_packs",
        "schedule": crontab(hour=3, minute=15),
    },
}

_mongo = None


def mongo_db():
    global _mongo
    if _mongo is None:
        _mongo = MongoClient(MONGO_URL, tlsCAFile=CA_BUNDLE)
    return _mongo["channel_sync"]
