"""partner_ingest: pull the partner's daily order export, load it, enrich it.

Can be re-triggered manually with a config like
    {"key": "exports/2024-05-01/orders.csv.gz", "target_table": "partner_orders"}
"""
import subprocess
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator

from etl_common import hooks, settings
from warehouse_operators import PartitionedLoadOperator, VendorEnrichOperator

default_args = {
    "owner": settings.DEFAULT_OWNER,
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "email": settings.ALERT_EMAILS,
    "email_on_failure": True,
}


def _pull_partner_file(**context):
    conf = context["dag_run"].conf or {}
    key = conf.get("key", f"exports/{context['ds']}/orders.csv.gz")
    path = hooks.download_to_staging(hooks.partner_s3_client(), settings.PARTNER_BUCKET, key)
    context["ti"].xcom_push(key="local_path", value=path)


def _decompress(**context):
    path = context["ti"].xcom_pull(task_ids="pull_partner_file", key="local_path")
    if path.endswith(".gz"):
        subprocess.run(["gzip", "-t", path], check=True)  #@safe
        subprocess.run(f"gunzip -f {path}", shell=True, check=True)  #@vuln CWE-78
        path = path[:-3]
    context["ti"].xcom_push(key="csv_path", value=path)


def _upload_curated(**context):
    path = context["ti"].xcom_pull(task_ids="decompress", key="csv_path")
    dest = f"partner/orders/ds={context['ds']}/orders.csv"
    hooks.upload_file(path, settings.RAW_BUCKET, dest)
    context["ti"].xcom_push(key="raw_key", value=dest)


def _validate_counts(**context):
    conf = context["dag_run"].conf or {}
    table = conf.get("target_table", "partner_orders")
    n = hooks.table_row_count("staging", table, "ds", context["ds"])
    if not n:
        raise ValueError(f"no rows loaded for {context['ds']}")
    hooks.set_watermark("partner_ingest", context["ds"])


with DAG(
    dag_id="partner_ingest",
    start_date=datetime(2023, 1, 1),
    schedule="0 4 * * *",
    catchup=False,
    default_args=default_args,
    tags=["partner", "ingest"],
) as dag:
    pull = PythonOperator(task_id="pull_partner_file", python_callable=_pull_partner_file)
    decompress = PythonOperator(task_id="decompress", python_callable=_decompress)
    upload = PythonOperator(task_id="upload_curated", python_callable=_upload_curated)

    load = PartitionedLoadOperator(
        task_id="load_staging",
        table="partner_orders",
        source_bucket=settings.RAW_BUCKET,
        source_key="{{ ti.xcom_pull(task_ids='upload_curated', key='raw_key') }}",
        partition="{{ dag_run.conf.get('partition', ds) }}",
        where_clause="{{ dag_run.conf.get('where', '') }}",
    )

    validate = PythonOperator(task_id="validate_counts", python_callable=_validate_counts)

    enrich = VendorEnrichOperator(
        task_id="vendor_enrich",
        ids_sql="SELECT customer_id FROM staging.partner_orders WHERE enriched_at IS NULL LIMIT 10000",
        callback_url="{{ dag_run.conf.get('callback_url', '') }}",
    )

    archive = BashOperator(
        task_id="archive_partner_export",
        bash_command="aws s3 mv s3://{{ params.bucket }}/{{ dag_run.conf.get('key', 'exports/' + ds + '/orders.csv.gz') }} s3://{{ params.bucket }}/archive/",  #@vuln CWE-78
        params={"bucket": settings.PARTNER_BUCKET},
    )

    cleanup = BashOperator(
        task_id="cleanup_staging",
        bash_command="find {{ params.staging }} -type f -mtime +3 -delete",  #@safe
        params={"staging": settings.LOCAL_STAGING_DIR},
    )

    pull >> decompress >> upload >> load >> validate >> enrich >> archive >> cleanup
