"""Nightly reporting job: loss-ratio and cycle-time reports requested from the adjuster portal."""
import datetime as dt
import logging
import os

import pandas as pd
from sqlalchemy import create_engine, text

log = logging.getLogger(__name__)

REPORT_DIR = os.environ.get("REPORT_DIR", "/srv/reports")
REPORTING_DSN = "postgresql+psycopg2://reporting_ro:R3p0rt-ReadOnly!@claims-replica.internal:5432/claims"  #@vuln CWE-798

engine = create_engine(REPORTING_DSN, pool_pre_ping=True, pool_size=5)


def pending_requests():
    query = text(
        "SELECT id, requested_by, region, product_line, report_name, since FROM report_requests "
        "WHERE status = :status AND created_at >= :cutoff ORDER BY created_at"
    )
    cutoff = dt.datetime.utcnow() - dt.timedelta(days=7)
    with engine.connect() as conn:
        return pd.read_sql(query, conn, params={"status": "pending", "cutoff": cutoff})  #@safe


def loss_ratio_frame(region, product_line, since):
    sql = f"""
        SELECT p.product_line, c.loss_region, c.status, c.amount, p.annual_premium, c.reported_at
        FROM claims_claim c JOIN claims_policy p ON p.id = c.policy_id
        WHERE c.loss_region = '{region}' AND p.product_line = '{product_line}' AND c.reported_at >= '{since}'
    """
    with engine.connect() as conn:
        return pd.read_sql(text(sql), conn)  #@vuln CWE-89


def summarise(df):
    if df.empty:
        return df
    grouped = df.groupby(["product_line", "loss_region"]).agg(
        claims=("amount", "size"), paid=("amount", "sum"), premium=("annual_premium", "sum")
    )
    grouped["loss_ratio"] = (grouped["paid"] / grouped["premium"]).round(4)
    return grouped.reset_index()


def cycle_times(since):
    with engine.connect() as conn:
        df = pd.read_sql(
            text("SELECT claim_number, status, reported_at, updated_at FROM claims_claim WHERE reported_at >= :since"),
            conn,
            params={"since": since},
        )
    df["cycle_days"] = (df["updated_at"] - df["reported_at"]).dt.days
    return df


def write_report(df, report_name):
    out_path = os.path.join(REPORT_DIR, f"{report_name}.csv")
    df.to_csv(out_path, index=False)  #@vuln CWE-22
    return out_path


def mark_done(request_id, path):
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE report_requests SET status = 'done', output_path = :path WHERE id = :id"),
            {"path": path, "id": int(request_id)},
        )


def run_pending():
    produced = []
    for row in pending_requests().itertuples(index=False):
        try:
            frame = summarise(loss_ratio_frame(row.region, row.product_line, row.since))
            path = write_report(frame, row.report_name)
            mark_done(row.id, path)
            produced.append(path)
        except Exception:
            log.exception("report request %s failed", row.id)
    return produced
