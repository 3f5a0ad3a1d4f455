"""Daily export of feature tables to the partner bucket.

Can be triggered manually with a conf like {"table": "features.item_stats", "tables": [...]}.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from airflow.providers.postgres.hooks.postgres import PostgresHook
from airflow.providers.postgres.operators.postgres import PostgresOperator

from s3_operators import S3PrefixDownloadOperator

default_args = {
    "owner": "data-eng",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "email_on_failure": True,
    "email": ["data-eng-alerts@corp.example"],
}


def _row_counts(**context):
    conf = context["dag_run"].conf or {}
    tables = conf.get("tables", ["features.user_daily", "features.item_stats"])
    hook = PostgresHook(postgres_conn_id="warehouse")
    counts = {}
    for table in tables:
        counts[table] = hook.get_first(f"SELECT count(*) FROM {table} WHERE load_date = '{context['ds']}'")[0]  #@vuln CWE-89
    since = conf.get("since", context["ds"])
    stale = hook.get_records("SELECT table_name, last_loaded FROM ops.table_stats WHERE last_loaded < %s", parameters=(since,))  #@safe
    context["ti"].xcom_push(key="stale_tables", value=[r[0] for r in stale])
    return counts


with DAG(
    dag_id="daily_feature_export",
    start_date=datetime(2023, 6, 1),
    schedule="0 3 * * *",
    catchup=False,
    default_args=default_args,
    params={"table": "features.user_daily", "bucket": "partner-exports"},
    tags=["features", "export"],
) as dag:
    pull_partner_overrides = S3PrefixDownloadOperator(
        task_id="pull_partner_overrides",
        bucket="partner-drop",
        prefix="overrides/{{ ds_nodash }}/",
        local_dir="/data/overrides/{{ ds_nodash }}",
    )

    export_table = BashOperator(
        task_id="export_table",
        bash_command="python /opt/jobs/export_table.py --table {{ dag_run.conf.get('table', params.table) }} --date {{ ds }} --out /data/exports/{{ ds_nodash }}",  #@vuln CWE-78
    )

    export_partition = BashOperator(
        task_id="export_partition",
        bash_command='python /opt/jobs/export_table.py --table "$EXPORT_TABLE" --date {{ ds }} --partitioned',  #@safe
        env={"EXPORT_TABLE": "{{ params.table }}"},
        append_env=True,
    )

    compress = BashOperator(
        task_id="compress",
        bash_command="gzip -f /data/exports/{{ ds_nodash }}/*.csv",
    )

    purge_staging = PostgresOperator(
        task_id="purge_staging",
        postgres_conn_id="warehouse",
        sql="DELETE FROM staging.{{ dag_run.conf.get('staging_table', 'user_daily') }} WHERE load_date < '{{ macros.ds_add(ds, -7) }}'",  #@vuln CWE-89
    )

    mark_done = PostgresOperator(
        task_id="mark_done",
        postgres_conn_id="warehouse",
        sql="INSERT INTO ops.export_log (dag_id, ds, exported_at) VALUES (%(dag_id)s, %(ds)s, now())",  #@safe
        parameters={"dag_id": "{{ dag.dag_id }}", "ds": "{{ ds }}"},
    )

    counts = PythonOperator(task_id="row_counts", python_callable=_row_counts)

    pull_partner_overrides >> [export_table, export_partition] >> compress >> purge_staging >> counts >> mark_done
