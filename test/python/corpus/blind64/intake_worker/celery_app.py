import os

from celery import Celery

BROKER_URL = "amqp://intake:Int4ke-Rabbit!2023@rabbitmq.claims.internal:5672/claims"  #@vuln CWE-798
RESULT_BACKEND = os.environ.get("INTAKE_RESULT_BACKEND", "redis://redis:6379/3")

app = Celery("intake_worker", broker=BROKER_URL, backend=RESULT_BACKEND, include=["intake_worker.tasks"])

app.conf.task_serializer = "json"
app.conf.result_serializer = "json"
app.conf.accept_content = ["json", "pickle"]  #@vuln CWE-502
app.conf.task_acks_late = True
app.conf.worker_prefetch_multiplier = 1
app.conf.task_routes = {
    "intake_worker.tasks.process_upload": {"queue": "ocr"},
    "intake_worker.tasks.fetch_remote_evidence": {"queue": "fetch"},
    "intake_worker.tasks.unpack_evidence_bundle": {"queue": "bundles"},
}
