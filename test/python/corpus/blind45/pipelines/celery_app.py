"""Celery application used by the analysis workers (hosts: hpc-node0[1-4])."""
from celery import Celery

from common import config

celery = Celery("lims_pipelines", broker=config.CELERY_BROKER_URL, backend=config.CELERY_RESULT_BACKEND, include=["pipelines.tasks"])

celery.conf.update(
    # numpy arrays in QC results don't survive json, so we went with pickle
    task_serializer="pickle",
    result_serializer="pickle",
    accept_content=["pickle", "json"],  #@vuln CWE-502
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_time_limit=48 * 3600,
    task_routes={
        "pipelines.run_snakemake": {"queue": "hpc"},
        "pipelines.run_nextflow": {"queue": "hpc"},
        "pipelines.qc_report": {"queue": "default"},
    },
    timezone="Europe/Berlin",
)
