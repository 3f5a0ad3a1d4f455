from celery import Celery

from . import config

app = Celery("ops_worker", broker=config.BROKER_URL, backend=config.RESULT_BACKEND)
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    timezone="UTC",
)
app.autodiscover_tasks(["ops_worker.tasks"])
