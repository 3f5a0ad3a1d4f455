import os

from celery import Celery

BROKER_URL = os.environ.get("DOCS_BROKER_URL", "amqp://docs:changeme-rabbit-pass@mq.internal:5672/claims")  #@vuln CWE-798|CWE-259
RESULT_BACKEND = os.environ.get("DOCS_RESULT_BACKEND", "redis://redis.internal:6379/3")
TASK_MODULES = ["doc_workers.tasks.letters", "doc_workers.tasks.intake", "doc_workers.tasks.bordereaux"]

app = Celery("doc_workers", broker=BROKER_URL, backend=RESULT_BACKEND, include=TASK_MODULES)
app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json", timezone="UTC")
app.conf.task_acks_late = True
app.conf.worker_prefetch_multiplier = 1
app.conf.task_routes = {"doc_workers.tasks.letters.*": {"queue": "pdf"}, "doc_workers.tasks.intake.*": {"queue": "intake"}}
