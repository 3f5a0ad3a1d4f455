#!/usr/bin/env python3
"""ops - command line tooling for the operations team (ops purge --depot HAM1 --before 2023-01-01, ...)."""
import argparse
import hashlib
import logging
import os
import random
import subprocess
import sys

import psycopg2
import requests

from common import config

log = logging.getLogger("ops")

OPS_DB_DSN = "host=db.internal dbname=logistics user=ops_admin password=0ps!Adm1n#22"  #@vuln CWE-798
MANIFEST_SALT = os.environ.get("MANIFEST_SALT", "").encode()


def _connect():
    return psycopg2.connect(OPS_DB_DSN, connect_timeout=5)


def cmd_purge(args: argparse.Namespace) -> int:
    with _connect() as conn, conn.cursor() as cur:
        cur.execute(f"DELETE FROM bookings WHERE depot_code = '{args.depot}' AND status = 'cancelled' AND created_at < '{args.before}'")  #@vuln CWE-89
        print(f"purged {cur.rowcount} cancelled bookings")
    return 0


def cmd_requeue(args: argparse.Namespace) -> int:
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("UPDATE shipments SET status = 'queued' WHERE manifest_id = %s AND status = 'failed'", (args.manifest,))  #@safe
        print(f"requeued {cur.rowcount} shipments")
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT reference, status, carrier_code FROM shipments WHERE reference LIKE '" + args.prefix + "%' ORDER BY reference LIMIT 50")  #@vuln CWE-89
        for reference, status, carrier in cur.fetchall():
            print(f"{reference:<16} {status:<12} {carrier}")
    return 0


def cmd_reprint(args: argparse.Namespace) -> int:
    pdf = os.path.join(config.LABEL_SPOOL_DIR, f"{args.reference}.pdf")
    return subprocess.call("lp -d %s -n %d %s" % (args.printer, args.copies, pdf), shell=True)  #@vuln CWE-78


def cmd_issue_key(args: argparse.Namespace) -> int:
    key = "".join(random.choices("abcdef0123456789", k=40))  #@vuln CWE-338
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO api_keys (customer_id, key_sha256, label) VALUES (%s, %s, %s)", (args.customer, hashlib.sha256(key.encode()).hexdigest(), args.label))
    print(f"API key for customer {args.customer}: {key}")
    print("Store it now - it cannot be shown again.")
    return 0


def cmd_sign_manifest(args: argparse.Namespace) -> int:
    with open(args.file, "rb") as fh:
        data = fh.read()
    # signature line printed at the bottom of the manifest handed to customs
    signature = hashlib.sha1(MANIFEST_SALT + data).hexdigest()  #@vuln CWE-328|CWE-327
    print(f"{os.path.basename(args.file)}  {signature}")
    return 0


def cmd_check_carrier(args: argparse.Namespace) -> int:
    try:
        resp = requests.get(args.url, timeout=10, verify=False)  #@vuln CWE-295
    except requests.RequestException as exc:
        print(f"DOWN  {args.url}  {exc}")
        return 1
    print(f"{'UP' if resp.ok else 'ERR'}  {args.url}  HTTP {resp.status_code}  {resp.elapsed.total_seconds():.2f}s")
    return 0 if resp.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ops", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "purge": (cmd_purge, [("--depot", {}), ("--before", {"help": "YYYY-MM-DD"})]),
        "requeue": (cmd_requeue, [("--manifest", {"type": int})]),
        "lookup": (cmd_lookup, [("--prefix", {})]),
        "reprint": (cmd_reprint, [("--printer", {}), ("--reference", {}), ("--copies", {"type": int, "default": 1, "required": False})]),
        "issue-key": (cmd_issue_key, [("--customer", {"type": int}), ("--label", {"default": "default", "required": False})]),
        "sign-manifest": (cmd_sign_manifest, [("file", {})]),
        "check-carrier": (cmd_check_carrier, [("--url", {})]),
    }
    for name, (func, arguments) in commands.items():
        p = sub.add_parser(name, help=(func.__doc__ or "").strip() or None)
        for flag, opts in arguments:
            if flag.startswith("--"):
                opts = {"required": True, **opts}
            p.add_argument(flag, **opts)
        p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main(argv=None))
