#!/usr/bin/env python3
"""rcadmin: operator tasks for the Research Computing portal."""
import argparse
import csv
import datetime as dt
import hashlib
import os
import subprocess
import sys
import tarfile

import psycopg2
from psycopg2.extras import RealDictCursor

BACKUP_PATHS = ["/srv/rcportal/uploads", "/etc/rcportal", "/srv/jupyterhub"]
JOB_TEMPLATE_DIR = "/opt/rcportal/jobsvc/templates"


def connect():
    return psycopg2.connect(os.environ["PORTAL_DSN"])


def cmd_backup(args):
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    out = os.path.join(args.dest, f"rcportal-{stamp}.tar.gz")
    with tarfile.open(out, "w:gz") as tar:
        for path in BACKUP_PATHS:
            if os.path.exists(path):
                tar.add(path)
    print(out)


def cmd_restore(args):
    with tarfile.open(args.archive, "r:*") as tar:
        tar.extractall(args.target)  #@vuln CWE-22
    print(f"restored {args.archive} into {args.target}")


def cmd_import_templates(args):
    """Job template bundles shared by other campus centres."""
    with tarfile.open(args.bundle, "r:*") as tar:
        tar.extractall(JOB_TEMPLATE_DIR, filter="data")  #@safe


def cmd_user_report(args):
    cols = "username, email, department, is_guest, created_at"
    with connect() as conn, conn.cursor(cursor_factory=RealDictCursor) as cur:
        if args.username:
            cur.execute(f"SELECT {cols} FROM users WHERE username = %s", (args.username,))  #@safe
        else:
            cur.execute(f"SELECT {cols} FROM users WHERE department = '{args.department}' ORDER BY username")  #@vuln CWE-89
        writer = csv.DictWriter(sys.stdout, fieldnames=[c.strip() for c in cols.split(",")])
        writer.writeheader()
        writer.writerows(cur.fetchall())


def cmd_purge_scratch(args):
    cmd = f"find {args.path} -type f -atime +{args.days} -print -delete"
    if args.dry_run:
        cmd = cmd.replace(" -delete", "")
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78


def cmd_apply_burst(args):
    """Project PIs may set a burst rule such as "used < limit * 1.1" in the portal."""
    with connect() as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT p.slurm_account, p.burst_rule, a.core_hours_used, a.core_hours_limit "
            "FROM projects p JOIN allocations a ON a.project_id = p.id WHERE p.burst_rule IS NOT NULL"
        )
        for account, rule, used, limit in cur.fetchall():
            allowed = eval(rule, {"__builtins__": {}}, {"used": used, "limit": limit})  #@vuln CWE-95
            qos = "burst" if allowed else "normal"
            if args.dry_run:
                print(f"{account}: {qos}")
                continue
            subprocess.run(["sacctmgr", "-i", "modify", "account", account, "set", f"qos={qos}"], check=True)  #@safe


def cmd_add_service_account(args):
    salt = os.urandom(8)
    digest = hashlib.pbkdf2_hmac("sha1", args.password.encode(), salt, 1000)  #@vuln CWE-916
    with connect() as conn, conn.cursor() as cur:
        cur.execute(
            "INSERT INTO users (username, is_guest, password_hash) VALUES (%s, true, %s)",
            (args.name, f"pbkdf2_sha1${salt.hex()}${digest.hex()}"),
        )
    print(f"created {args.name}")


def build_parser():
    parser = argparse.ArgumentParser(prog="rcadmin", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("backup", help="archive uploads and configuration")
    p.add_argument("--dest", default="/backup/rcportal")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore an archive made by backup")
    p.add_argument("archive")
    p.add_argument("--target", default="/")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("import-templates", help="install a job template bundle")
    p.add_argument("bundle")
    p.set_defaults(func=cmd_import_templates)

    p = sub.add_parser("user-report", help="list portal users")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--username")
    group.add_argument("--department")
    p.set_defaults(func=cmd_user_report)

    p = sub.add_parser("purge-scratch", help="delete files not accessed for N days")
    p.add_argument("path")
    p.add_argument("--days", type=int, default=90)
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=cmd_purge_scratch)

    p = sub.add_parser("apply-burst", help="evaluate project burst rules and set QOS")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=cmd_apply_burst)

    p = sub.add_parser("add-service-account")
    p.add_argument("name")
    p.add_argument("--password", required=True)
    p.set_defaults(func=cmd_add_service_account)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
