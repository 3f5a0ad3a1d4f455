import logging

import pandas as pd
from sqlalchemy import create_engine, text

from . import settings

log = logging.getLogger(__name__)

engine = create_engine(settings.WAREHOUSE_URL, pool_size=5, max_overflow=5)


def read_partition(table: str, ds: str) -> pd.DataFrame:
    query = f"SELECT * FROM {table} WHERE ds = '{ds}'"
    log.info("reading %s", query)
    return pd.read_sql(query, engine)  #@vuln CWE-89


def read_partition_checked(table: str, ds: str) -> pd.DataFrame:
    if table not in settings.ALLOWED_TABLES:
        raise ValueError(f"table {table!r} is not loadable")
    return pd.read_sql(text(f"SELECT * FROM {table} WHERE ds = :ds"), engine, params={"ds": ds})  #@safe


def delete_partition(table: str, ds: str) -> int:
    with engine.begin() as conn:
        result = conn.execute(text("DELETE FROM %s WHERE ds = '%s'" % (table, ds)))  #@vuln CWE-89
        return result.rowcount


def write_frame(df: pd.DataFrame, table: str) -> None:
    df.to_sql(table, engine, if_exists="append", index=False, chunksize=settings.CHUNK_SIZE)


def record_run(job_name: str, ds: str, status: str, rows: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO etl_job_runs (pipeline, ds, status, row_count) VALUES (:p, :ds, :s, :n)"),
            {"p": job_name, "ds": ds, "s": status, "n": rows},
        )


def last_success(job_name: str) -> str | None:
    sql = f"SELECT max(ds) FROM etl_job_runs WHERE pipeline = '{job_name}' AND status = 'ok'"
    with engine.connect() as conn:
        row = conn.execute(text(sql)).first()  #@vuln CWE-89
    return row[0] if row else None
