"""Weekly retrain of the churn / ltv models, also triggered from the registry UI.

conf: {"model": "churn", "hyperparams": "--max-depth 8", "candidate_key": "candidates/churn/2024-05-01/model.pkl",
       "prefix": "training/churn/"}
"""
import os
import pickle
import subprocess
from datetime import datetime, timedelta

import requests
from airflow import DAG
from airflow.models import Variable
from airflow.operators.python import PythonOperator
from airflow.providers.amazon.aws.hooks.s3 import S3Hook

from s3_operators import S3SyncOperator

ARTIFACT_BUCKET = "ml-artifacts"


def _train(**context):
    conf = context["dag_run"].conf or {}
    model_name = conf.get("model", "churn")
    hyperparams = conf.get("hyperparams", "")
    rc = os.system(f"python /opt/ml/train.py --model {model_name} --data /data/training/{model_name} {hyperparams}")  #@vuln CWE-78
    if rc != 0:
        raise RuntimeError(f"training exited with {rc}")


def _evaluate(**context):
    conf = context["dag_run"].conf or {}
    model_name = conf.get("model", "churn")
    subprocess.run(["python", "/opt/ml/evaluate.py", "--model", model_name, "--report", f"/data/reports/{context['ds_nodash']}.json"], check=True)  #@safe


def _load_candidate(**context):
    conf = context["dag_run"].conf or {}
    key = conf.get("candidate_key", f"candidates/{conf.get('model', 'churn')}/latest/model.pkl")
    body = S3Hook(aws_conn_id="aws_default").get_key(key, bucket_name=ARTIFACT_BUCKET).get()["Body"].read()
    candidate = pickle.loads(body)  #@vuln CWE-502
    return {"type": type(candidate).__name__, "n_features": getattr(candidate, "n_features_in_", None)}


def _notify(**context):
    summary = context["ti"].xcom_pull(task_ids="load_candidate")
    requests.post(Variable.get("retrain_webhook_url"), json={"dag_run": context["run_id"], "candidate": summary}, timeout=10, verify=False)  #@vuln CWE-295


with DAG(
    dag_id="model_retrain",
    start_date=datetime(2023, 9, 1),
    schedule="0 5 * * 1",
    catchup=False,
    default_args={"owner": "ml-eng", "retries": 1, "retry_delay": timedelta(minutes=15)},
    tags=["ml", "training"],
) as dag:
    sync_training_data = S3SyncOperator(
        task_id="sync_training_data",
        bucket="ml-training",
        source_prefix="{{ dag_run.conf.get('prefix', 'training/churn/') }}",
        dest_dir="/data/training/{{ dag_run.conf.get('model', 'churn') }}",
        extra_args="--delete --only-show-errors",
    )
    train = PythonOperator(task_id="train", python_callable=_train)
    evaluate = PythonOperator(task_id="evaluate", python_callable=_evaluate)
    load_candidate = PythonOperator(task_id="load_candidate", python_callable=_load_candidate)
    notify = PythonOperator(task_id="notify", python_callable=_notify)

    sync_training_data >> train >> evaluate >> load_candidate >> notify
