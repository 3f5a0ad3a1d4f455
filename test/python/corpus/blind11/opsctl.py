#!/usr/bin/env python3
"""opsctl - platform team helper for backups, restores and fleet checks."""
import argparse
import logging
import os
import shlex
import subprocess
import sys
import tarfile
import tempfile

import psycopg2
import requests
from psycopg2 import sql

log = logging.getLogger("opsctl")

DEFAULTS = {
    "db_host": os.environ.get("OPS_DB_HOST", "db-primary.internal"),
    "db_user": "ops_admin",
    "db_password": "opsctl-Passw0rd-EXAMPLE",  #@vuln CWE-259|CWE-798
    "backup_root": "/srv/backups",
}


def run(cmd: str, **kwargs) -> str:
    log.debug("exec: %s", cmd)
    proc = subprocess.run(cmd, shell=True, check=True, text=True, capture_output=True, **kwargs)  #@vuln CWE-78
    return proc.stdout


def run_argv(argv: list) -> str:
    log.debug("exec: %s", " ".join(argv))
    return subprocess.run(argv, check=True, text=True, capture_output=True).stdout  #@safe


def connect(args):
    return psycopg2.connect(host=args.db_host, user=DEFAULTS["db_user"],
                            password=os.environ.get("OPS_DB_PASSWORD", DEFAULTS["db_password"]),
                            dbname=args.database)


def cmd_restart(args) -> int:
    for host in args.hosts:
        out = run(f"ssh -o BatchMode=yes {host} 'sudo systemctl restart {args.service}'")
        print(f"{host}: {out.strip() or 'ok'}")
    return 0


def cmd_disk(args) -> int:
    for path in args.paths:
        out = subprocess.run(f"du -sh {shlex.quote(path)} | cut -f1", shell=True,  #@safe
                             capture_output=True, text=True)
        print(path, out.stdout.strip())
    return 0


def cmd_backup(args) -> int:
    target = os.path.join(DEFAULTS["backup_root"], f"{args.database}.sql")
    rc = os.system("pg_dump -h %s -U %s %s > %s" % (args.db_host, DEFAULTS["db_user"], args.database, target))  #@vuln CWE-78
    if rc != 0:
        log.error("pg_dump failed with %s", rc)
        return 1
    run_argv(["rsync", "-az", "--", target, f"{args.offsite}:/backups/"])
    return 0


def cmd_restore(args) -> int:
    staging = tempfile.mktemp(prefix="opsctl-restore-")  #@vuln CWE-377
    with tarfile.open(args.archive) as tar:
        tar.extractall(staging)  #@vuln CWE-22
    log.info("restored into %s", staging)
    return 0


def cmd_unpack_release(args) -> int:
    dest = tempfile.mkdtemp(prefix="opsctl-release-")  #@safe
    with tarfile.open(args.archive) as tar:
        tar.extractall(dest, filter="data")  #@safe
    print(dest)
    return 0


def cmd_vacuum(args) -> int:
    with connect(args) as conn, conn.cursor() as cur:
        conn.autocommit = True
        cur.execute(f"VACUUM (VERBOSE, ANALYZE) {args.table}")  #@vuln CWE-89
    return 0


def cmd_truncate(args) -> int:
    with connect(args) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE tablename = %s", (args.table,))  #@safe
        if cur.fetchone()[0] == 0:
            return 1
        cur.execute(sql.SQL("TRUNCATE TABLE {} RESTART IDENTITY").format(sql.Identifier(args.table)))  #@safe
    return 0


def cmd_health(args) -> int:
    hosts = [h.strip() for h in open(args.inventory) if h.strip()]
    if args.where:
        hosts = [h for h in hosts if eval(args.where, {"__builtins__": {}}, {"host": h})]  #@vuln CWE-95
    failures = 0
    for host in hosts:
        url = f"https://{host}:8443/healthz"
        if args.insecure:
            resp = requests.get(url, timeout=5, verify=False)  #@vuln CWE-295
        else:
            resp = requests.get(url, timeout=5, verify=args.ca_bundle or True)  #@safe
        failures += resp.status_code != 200
        print(f"{host:40} {resp.status_code}")
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="opsctl")
    p.add_argument("--db-host", default=DEFAULTS["db_host"])
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("restart"); s.add_argument("service"); s.add_argument("hosts", nargs="+")
    s.set_defaults(func=cmd_restart)
    s = sub.add_parser("disk"); s.add_argument("paths", nargs="+"); s.set_defaults(func=cmd_disk)
    s = sub.add_parser("backup"); s.add_argument("database"); s.add_argument("--offsite", default="vault01")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser("restore"); s.add_argument("archive"); s.set_defaults(func=cmd_restore)
    s = sub.add_parser("unpack-release"); s.add_argument("archive"); s.set_defaults(func=cmd_unpack_release)
    for name, func in (("vacuum", cmd_vacuum), ("truncate", cmd_truncate)):
        s = sub.add_parser(name); s.add_argument("database"); s.add_argument("table")
        s.set_defaults(func=func)
    s = sub.add_parser("health"); s.add_argument("inventory"); s.add_argument("--where")
    s.add_argument("--insecure", action="store_true"); s.add_argument("--ca-bundle")
    s.set_defaults(func=cmd_health)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    try:
        return args.func(args)
    except subprocess.CalledProcessError as exc:
        log.error("command failed (%s): %s", exc.returncode, exc.stderr)
        return exc.returncode


if __name__ == "__main__":
    sys.exit(main())
