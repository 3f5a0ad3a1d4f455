"""Nightly claims batch: load carrier feeds, screen, export reserves, ship to reinsurer."""
from datetime import datetime, timedelta

import paramiko
from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from airflow.providers.postgres.hooks.postgres import PostgresHook

from claims_operators import (
    CarrierFeedOperator,
    CarrierRuleOperator,
    PartnerReportOperator,
    ScanArchiveSyncOperator,
)

REINSURER_HOST = "sftp.reinsurer-partner.example.com"
REINSURER_USER = "claimflow_batch"
REINSURER_PASSWORD = "Nightly!Batch42"  #@vuln CWE-798

default_args = {
    "owner": "claims-data",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "email_on_failure": True,
    "email": ["claims-data@example-insure.com"],
}


def reset_staging(**context):
    conf = context["dag_run"].conf or {}
    batch_id = conf.get("batch_id", context["ds_nodash"])
    hook = PostgresHook(postgres_conn_id="claims_db")
    hook.run(f"DELETE FROM staging_claims WHERE batch_id = '{batch_id}'")  #@vuln CWE-89
    return batch_id


def check_volume(**context):
    hook = PostgresHook(postgres_conn_id="claims_db")
    (count,) = hook.get_first("SELECT count(*) FROM claims WHERE created_at::date = %s", parameters=(context["ds"],))  #@safe
    if count == 0:
        raise ValueError(f"no claims created on {context['ds']}")
    return count


def ship_to_reinsurer(**context):
    local = f"/opt/claimflow/exports/reserves_{context['ds_nodash']}.csv"
    transport = paramiko.Transport((REINSURER_HOST, 22))
    transport.connect(username=REINSURER_USER, password=REINSURER_PASSWORD)
    try:
        sftp = paramiko.SFTPClient.from_transport(transport)
        sftp.put(local, f"/inbound/claimflow/{context['ds_nodash']}.csv")
    finally:
        transport.close()


with DAG(
    dag_id="claims_nightly",
    start_date=datetime(2024, 1, 1),
    schedule="0 2 * * *",
    catchup=False,
    default_args=default_args,
    tags=["claims"],
) as dag:
    reset = PythonOperator(task_id="reset_staging", python_callable=reset_staging)

    load_feed = CarrierFeedOperator(
        task_id="load_carrier_feed",
        feed_url="{{ var.value.carrier_feed_url }}/{{ ds_nodash }}.csv",
        batch_id="{{ ti.xcom_pull(task_ids='reset_staging') }}",
    )

    screen = CarrierRuleOperator(task_id="screen_claims")

    volume = PythonOperator(task_id="check_volume", python_callable=check_volume)

    sync_scans = ScanArchiveSyncOperator(
        task_id="sync_scan_inbox",
        source_path="{{ dag_run.conf.get('scan_dir', '/mnt/scans/inbox/') }}",
    )

    export = BashOperator(  #@safe
        task_id="export_reserves",
        bash_command="/opt/claimflow/bin/export_reserves.sh ",
        env={"EXPORT_DIR": "/opt/claimflow/exports", "RUN_DATE": "{{ ds_nodash }}"},
        append_env=True,
    )

    notify = BashOperator(  #@vuln CWE-78
        task_id="notify_ops",
        bash_command="echo 'Batch {{ dag_run.conf.get(\"batch_id\", ds_nodash) }} finished, requested by "
        "{{ dag_run.conf.get(\"requested_by\", \"scheduler\") }}' | mail -s 'claims nightly' claims-ops@example-insure.com",
    )

    report = PartnerReportOperator(
        task_id="partner_report",
        endpoint="{{ var.value.partner_report_endpoint }}",
        shared_secret=Variable.get("partner_report_secret", default_var=""),
    )

    ship = PythonOperator(task_id="ship_to_reinsurer", python_callable=ship_to_reinsurer)

    reset >> load_feed >> screen >> volume >> export >> [ship, report, notify]
    sync_scans >> screen
