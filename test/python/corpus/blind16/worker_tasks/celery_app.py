import os

from celery import Celery

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://:changeme-redis-pass@redis.internal:6379/0")  #@vuln CWE-798|CWE-259
RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://redis.internal:6379/1")

app = Celery("worker", broker=BROKER_URL, backend=RESULT_BACKEND)
app.conf.update(
    task_serializer="pickle",
    result_serializer="json",
    accept_content=["pickle", "json"],  #@vuln CWE-502
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    timezone="UTC",
)
app.autodiscover_tasks(["worker_tasks.tasks"])

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/media")
UPLOAD_ROOT = os.environ.get("UPLOAD_ROOT", "/srv/uploads")
CRM_API = os.environ.get("CRM_API", "https://crm.internal.example.com/api")
CA_BUNDLE = os.environ.get("INTERNAL_CA_BUNDLE", "/etc/ssl/certs/internal-ca.pem")
