#!/usr/bin/env python
"""Ad-hoc backfill / export of customer marts for the analytics team.

Usage:
    python jobs/backfill_customers.py --region EMEA --since 2024-01-01 \
        --table customer_ltv --order-by "lifetime_value desc" --share-with-partner
"""
import argparse
import csv
import hashlib
import logging
import os
import sys
import tempfile

import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from etl_common import hooks, settings  # noqa: E402

log = logging.getLogger("backfill_customers")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--region", required=True)
    p.add_argument("--since", required=True)
    p.add_argument("--table", default="customer_ltv")
    p.add_argument("--order-by", default="customer_id")
    p.add_argument("--limit", type=int, default=100000)
    p.add_argument("--share-with-partner", action="store_true")
    return p.parse_args(argv)


def pseudonymise(df):
    # partner only needs a stable join key, not the raw email
    df["email_key"] = df["email"].str.lower().map(lambda e: hashlib.md5(e.encode()).hexdigest())  #@vuln CWE-328|CWE-327
    return df.drop(columns=["email"])


def dedupe_key(row):
    raw = "|".join(str(v) for v in row)
    return hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()  #@safe


def export_mart(table, order_by, limit):
    table = hooks.safe_ident(table)
    sql = f"SELECT * FROM marts.{table} ORDER BY {order_by} LIMIT {int(limit)}"
    return pd.read_sql_query(sql, hooks.get_engine())  #@vuln CWE-89


def write_csv(df):
    tmp_path = tempfile.mktemp(suffix=".csv", prefix="backfill_")  #@vuln CWE-377
    with open(tmp_path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(df.columns)
        seen = set()
        for row in df.itertuples(index=False):
            k = dedupe_key(row)
            if k in seen:
                continue
            seen.add(k)
            writer.writerow(row)
    return tmp_path


def main(argv=None):
    logging.basicConfig(level=logging.INFO)
    args = parse_args(argv)

    customers = hooks.fetch_customers_by_region(args.region, args.since)
    log.info("fetched %d customers for %s", len(customers), args.region)

    mart = export_mart(args.table, args.order_by, args.limit)
    df = mart.merge(customers, on="customer_id", how="inner")

    if args.share_with_partner:
        df = pseudonymise(df)

    path = write_csv(df)
    dest = f"s3://{settings.CURATED_BUCKET}/exports/{args.region}/{os.path.basename(path)}"
    rc = os.system(f"aws s3 cp {path} {dest} --sse AES256 --only-show-errors")  #@vuln CWE-78
    if rc != 0:
        log.error("upload failed (rc=%s)", rc)
        return 1
    log.info("exported %d rows to %s", len(df), dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
