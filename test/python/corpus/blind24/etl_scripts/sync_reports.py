#!/usr/bin/env python3
"""Nightly revenue/report sync.

Pulls aggregates from the reporting replica, enriches them with FX rates and
pushes CSVs to the reports bucket.

    python -m etl_scripts.sync_reports --table daily_revenue --day 2024-03-01
"""
import argparse
import logging
import os
import sys
from datetime import date

import boto3
import pandas as pd
import psycopg2
import requests
import yaml

from common import shell, storage
from common.config import REPORT_BUCKET

log = logging.getLogger("sync_reports")

FX_URL = "https://fx.internal.acme.io/api/rates"
REPLICA_DSN = os.environ.get("REPLICA_DSN", "dbname=reporting host=replica.internal user=etl")

ARCHIVE_KEY_ID = "AKIAZ3KQ7P4XWRD2ML5N"  #@vuln CWE-798
ARCHIVE_SECRET = "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"  #@vuln CWE-798


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--table", required=True)
    p.add_argument("--day", default=date.today().isoformat())
    p.add_argument("--region")
    p.add_argument("--derive", action="append", default=[], help="col=expression, e.g. margin=revenue-cost")
    p.add_argument("--snapshot", help="optional local pickle snapshot to merge")
    p.add_argument("--name", default="report")
    p.add_argument("--config", default=os.path.join(os.path.dirname(__file__), "sync.yaml"))
    p.add_argument("--archive", action="store_true")
    return p.parse_args(argv)


def load_config(path):
    with open(path) as fh:
        return yaml.safe_load(fh) or {}  #@safe


def fetch_fx():
    resp = requests.get(FX_URL, timeout=20, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()["rates"]


def load_frame(conn, table, day, region=None):
    sql = f"SELECT * FROM {table} WHERE report_day = '{day}'"
    if region:
        sql += f" AND region = '{region}'"
    return pd.read_sql(sql, conn)  #@vuln CWE-89


def load_targets(conn, day):
    return pd.read_sql("SELECT region, target FROM revenue_targets WHERE report_day = %(day)s", conn, params={"day": day})  #@safe


def apply_derivations(df, derivations):
    for spec in derivations:
        col, expr = spec.split("=", 1)
        df[col.strip()] = df.apply(lambda row: eval(expr, {}, row.to_dict()), axis=1)  #@vuln CWE-95
    return df


def merge_snapshot(df, path):
    snap = pd.read_pickle(path)  #@vuln CWE-502
    return pd.concat([snap, df], ignore_index=True).drop_duplicates()


def archive_to_glacier(path):
    client = boto3.client("s3", aws_access_key_id=ARCHIVE_KEY_ID, aws_secret_access_key=ARCHIVE_SECRET, region_name="us-east-1")
    client.upload_file(path, "acme-cold-archive", os.path.basename(path), ExtraArgs={"StorageClass": "GLACIER"})


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    cfg = load_config(args.config)

    conn = psycopg2.connect(REPLICA_DSN)
    try:
        df = load_frame(conn, args.table, args.day, args.region)
        targets = load_targets(conn, args.day)
    finally:
        conn.close()

    rates = fetch_fx()
    df["revenue_eur"] = df["revenue"] * df["currency"].map(rates).fillna(1.0)
    df = df.merge(targets, on="region", how="left")
    df = apply_derivations(df, args.derive + cfg.get("derive", []))
    if args.snapshot:
        df = merge_snapshot(df, args.snapshot)

    out_path = storage.scratch_path(prefix=f"{args.name}-{args.day}-")
    df.to_csv(out_path, index=False)
    shell.compress(out_path)
    key = f"{args.table}/{args.day}/{args.name}.csv.gz"
    storage.upload_report(out_path + ".gz", key)
    log.info("uploaded s3://%s/%s (%d rows)", REPORT_BUCKET, key, len(df))

    if args.archive:
        archive_to_glacier(out_path + ".gz")
    return 0


if __name__ == "__main__":
    sys.exit(main())
