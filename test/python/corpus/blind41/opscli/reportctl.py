#!/usr/bin/env python3
"""reportctl - ops helper for the reporting stack (backups, cache purge, restores, feeds)."""
from __future__ import annotations

import argparse
import logging
import os
import shlex
import sqlite3
import ssl
import subprocess
import sys
import tarfile
import urllib.request

from sqlalchemy import create_engine

from common import http_client, sqlutil

log = logging.getLogger("reportctl")

REPORTS_DSN = os.environ.get("REPORTS_DSN", "postgresql://reports_ops@db-reports.internal/reports")
CACHE_DB = os.environ.get("REPORT_CACHE_DB", "/var/lib/reports/cache.sqlite3")
STATUS_URL = os.environ.get("REPORT_STATUS_URL", "https://reports.internal/healthz")


def cmd_dump_table(args: argparse.Namespace) -> int:
    log.info("dumping %s to %s", args.table, args.out)
    return subprocess.run(f"pg_dump --data-only -t {args.table} {REPORTS_DSN} | gzip > {args.out}", shell=True).returncode  #@vuln CWE-78


def cmd_dump_table_safe(args: argparse.Namespace) -> int:
    with open(args.out, "wb") as out:
        dump = subprocess.Popen(["pg_dump", "--data-only", "-t", args.table, REPORTS_DSN], stdout=subprocess.PIPE)  #@safe
        gz = subprocess.run(["gzip"], stdin=dump.stdout, stdout=out)
        dump.wait()
    return dump.returncode or gz.returncode


def cmd_compress(args: argparse.Namespace) -> int:
    return subprocess.run(f"gzip -9 --keep {shlex.quote(args.path)}", shell=True).returncode  #@safe


def cmd_vacuum(args: argparse.Namespace) -> int:
    return os.system("psql -d reports -c 'VACUUM ANALYZE orders'")


def cmd_count(args: argparse.Namespace) -> int:
    engine = create_engine(REPORTS_DSN)
    with engine.connect() as conn:
        print(sqlutil.count_rows(conn, args.table))
    return 0


def cmd_purge_cache(args: argparse.Namespace) -> int:
    conn = sqlite3.connect(CACHE_DB)
    conn.executescript(f"DELETE FROM report_cache WHERE created < '{args.before}'; VACUUM;")  #@vuln CWE-89
    conn.close()
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with tarfile.open(args.archive, "r:gz") as tar:
        tar.extractall(args.dest)  #@vuln CWE-22
    return 0


def cmd_restore_checked(args: argparse.Namespace) -> int:
    dest = os.path.realpath(args.dest)
    with tarfile.open(args.archive, "r:gz") as tar:
        for member in tar.getmembers():
            target = os.path.realpath(os.path.join(dest, member.name))
            if not target.startswith(dest + os.sep) or member.issym() or member.islnk():
                raise SystemExit(f"refusing to extract {member.name}")
        tar.extractall(dest)  #@safe
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(STATUS_URL, context=ctx, timeout=5) as resp:
        print(resp.status, resp.read(200).decode("utf-8", "replace"))
    return 0


def cmd_fetch_rates(args: argparse.Namespace) -> int:
    data = http_client.fetch_partner_rates()
    with open(os.path.join(args.outdir, "rates.csv"), "wb") as fh:
        fh.write(data)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reportctl")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("dump-table"); s.add_argument("table"); s.add_argument("--out", required=True)
    s.add_argument("--safe", action="store_true")
    s.set_defaults(func=lambda a: cmd_dump_table_safe(a) if a.safe else cmd_dump_table(a))
    s = sub.add_parser("compress"); s.add_argument("path"); s.set_defaults(func=cmd_compress)
    s = sub.add_parser("vacuum"); s.set_defaults(func=cmd_vacuum)
    s = sub.add_parser("count"); s.add_argument("table"); s.set_defaults(func=cmd_count)
    s = sub.add_parser("purge-cache"); s.add_argument("--before", required=True); s.set_defaults(func=cmd_purge_cache)
    s = sub.add_parser("restore"); s.add_argument("archive"); s.add_argument("--dest", required=True)
    s.add_argument("--checked", action="store_true")
    s.set_defaults(func=lambda a: cmd_restore_checked(a) if a.checked else cmd_restore(a))
    s = sub.add_parser("status"); s.set_defaults(func=cmd_status)
    s = sub.add_parser("fetch-rates"); s.add_argument("--outdir", default="/var/lib/reports"); s.set_defaults(func=cmd_fetch_rates)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
