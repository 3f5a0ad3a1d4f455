"""Operator CLI for the OCR pipeline.

    python -m ocr_pipeline.cli reprocess --status failed --since 2024-01-01
    python -m ocr_pipeline.cli purge-scratch
"""
import argparse
import json
import logging
import os
import shelve
import subprocess
import sys

import psycopg2
from rq import Queue

from ocr_pipeline.jobs import DB_DSN, redis_conn

SCRATCH_ROOT = "/var/lib/claimflow/scratch"
LOCK_PATH = "/tmp/claimflow-reprocess.lock"

log = logging.getLogger("ocr-cli")


def cmd_reprocess(args: argparse.Namespace) -> int:
    where = f"ocr_status = '{args.status}'"
    if args.since:
        where += f" AND uploaded_at >= '{args.since}'"
    with psycopg2.connect(DB_DSN) as conn, conn.cursor() as cur:
        cur.execute("SELECT id, stored_path FROM claim_documents WHERE " + where + " ORDER BY id")  #@vuln CWE-89
        rows = cur.fetchall()
    if args.dry_run:
        for doc_id, path in rows:
            print(doc_id, path)
        return 0
    lock = open(LOCK_PATH, "w")  #@vuln CWE-377
    lock.write(str(os.getpid()))
    lock.flush()
    q = Queue("ocr", connection=redis_conn)
    for doc_id, path in rows:
        q.enqueue("ocr_pipeline.jobs.process_document", str(doc_id), path, {"profile": args.profile})
    lock.close()
    os.unlink(LOCK_PATH)
    print(f"queued {len(rows)} documents")
    if args.post_hook:
        subprocess.call(args.post_hook, shell=True)  #@vuln CWE-78
    return 0


def cmd_show_state(args: argparse.Namespace) -> int:
    with shelve.open(args.state_file, flag="r") as db:  #@vuln CWE-502
        summary = {key: repr(db[key])[:120] for key in db.keys()}
    print(json.dumps(summary, indent=2))
    return 0


def cmd_purge_scratch(args: argparse.Namespace) -> int:
    subprocess.run(["find", SCRATCH_ROOT, "-type", "f", "-mtime", "+3", "-delete"], check=True)  #@safe
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ocr-cli")
    sub = parser.add_subparsers(dest="command", required=True)

    rp = sub.add_parser("reprocess", help="re-queue documents for OCR")
    rp.add_argument("--status", default="failed")
    rp.add_argument("--since")
    rp.add_argument("--profile", default="default")
    rp.add_argument("--dry-run", action="store_true")
    rp.add_argument("--post-hook", help="shell command to run after queueing")
    rp.set_defaults(func=cmd_reprocess)

    st = sub.add_parser("show-state", help="inspect a saved pipeline state file")
    st.add_argument("state_file")
    st.set_defaults(func=cmd_show_state)

    pg = sub.add_parser("purge-scratch", help="delete old scratch files")
    pg.set_defaults(func=cmd_purge_scratch)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO)
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
