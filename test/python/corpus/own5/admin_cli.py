"""Maintenance CLI for the billing database (argparse and click)."""
import argparse
import hashlib
import os
import random
import shutil
import sqlite3
import string
import subprocess
import sys
import tempfile

import click
import pandas as pd

DB = "/var/lib/billing.db"


def connect():
    return sqlite3.connect(DB)


def build_filter(column, value):
    return "%s = '%s'" % (column, value)


def cmd_export(args):
    conn = connect()
    where = build_filter("customer", args.customer)
    df = pd.read_sql(f"SELECT * FROM invoices WHERE {where}", conn)  #@vuln CWE-89
    df.to_csv(args.out)


def cmd_vacuum(args):
    conn = connect()
    conn.executescript("VACUUM; ANALYZE %s;" % args.table)  #@vuln CWE-89


def cmd_backup(args):
    tmp = tempfile.mktemp(suffix=".db")  #@vuln CWE-377
    shutil.copy(DB, tmp)
    subprocess.run(["gzip", tmp])  #@safe


def cmd_report(args):
    with open("/tmp/billing-report.txt", "w") as fh:  #@vuln CWE-377
        fh.write("report\n")
    with tempfile.NamedTemporaryFile("w", delete=False) as fh:  #@safe
        fh.write("report\n")


def cmd_shell(args):
    os.system("sqlite3 %s '%s'" % (DB, args.query))  #@vuln CWE-78


def new_api_key():
    return "".join(random.choice(string.ascii_letters) for _ in range(32))  #@vuln CWE-338


def cache_key(path):
    return hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()  #@safe


def hash_password(pw):
    return hashlib.sha1(pw.encode()).hexdigest()  #@vuln CWE-328


@click.command()
@click.argument("name")
def grep_logs(name):
    out = subprocess.check_output("grep -r %s /var/log/billing" % name, shell=True)  #@vuln CWE-78
    click.echo(out)


@click.command()
@click.option("--pattern")
def grep_safe(pattern):
    out = subprocess.check_output(["grep", "-r", "--", pattern, "/var/log/billing"])  #@safe
    click.echo(out)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers()
    e = sub.add_parser("export")
    e.add_argument("--customer")
    e.add_argument("--out")
    e.set_defaults(fn=cmd_export)
    v = sub.add_parser("vacuum")
    v.add_argument("table")
    v.set_defaults(fn=cmd_vacuum)
    args = p.parse_args()
    args.fn(args)
    if len(sys.argv) > 2 and sys.argv[1] == "raw":
        connect().execute("DELETE FROM invoices WHERE id = " + sys.argv[2])  #@vuln CWE-89


if __name__ == "__main__":
    main()
