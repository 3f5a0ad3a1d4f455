#!/usr/bin/env python3
"""Warehouse stock maintenance CLI used by the night-shift operators."""
import argparse
import os
import shelve
import shlex
import sqlite3
import subprocess
import sys
import tempfile

import yaml

DB_FILE = os.environ.get("STOCK_DB", "/var/lib/stock/stock.db")
EXPORT_DIR = "/var/lib/stock/exports"


def db():
    return sqlite3.connect(DB_FILE)


def cmd_lookup(sku: str):
    conn = db()
    cur = conn.execute("SELECT sku, bin, qty FROM stock WHERE sku = '%s'" % sku)  #@vuln CWE-89
    for row in cur:
        print(*row)


def cmd_lookup_bin(bin_code: str):
    conn = db()
    cur = conn.execute("SELECT sku, bin, qty FROM stock WHERE bin = ?", (bin_code,))  #@safe
    for row in cur:
        print(*row)


def cmd_adjust(sku: str, delta: str):
    conn = db()
    conn.execute(f"UPDATE stock SET qty = qty + {int(delta)} WHERE sku = ?", (sku,))  #@safe
    conn.commit()


def cmd_export(report_name: str):
    os.system("sqlite3 -csv " + DB_FILE + " 'select * from stock' > " + EXPORT_DIR + "/" + report_name)  #@vuln CWE-78


def cmd_export_safe(report_name: str):
    out = os.path.join(EXPORT_DIR, os.path.basename(report_name))
    with open(out, "w") as fh:
        subprocess.run(["sqlite3", "-csv", DB_FILE, "select * from stock"], stdout=fh, check=True)  #@safe


def cmd_print_label(sku: str, printer: str):
    subprocess.call("lp -d %s /var/lib/stock/labels/%s.pdf" % (printer, sku), shell=True)  #@vuln CWE-78


def cmd_print_label_quoted(sku: str, printer: str):
    cmd = "lp -d {} /var/lib/stock/labels/{}.pdf".format(shlex.quote(printer), shlex.quote(sku))
    subprocess.call(cmd, shell=True)  #@safe


def cmd_load_rules(path: str):
    with open(path) as fh:
        rules = yaml.load(fh, Loader=yaml.UnsafeLoader)  #@vuln CWE-502
    print(f"loaded {len(rules)} replenishment rules")
    return rules


def cmd_load_rules_safe(path: str):
    with open(path) as fh:
        rules = yaml.load(fh, Loader=yaml.SafeLoader)  #@safe
    return rules


def cmd_restore_session(session_file: str):
    with shelve.open(session_file) as sess:  #@vuln CWE-502
        print(sess.get("last_sku"))


def cmd_scratch(sku: str):
    scratch = f"/tmp/stock-{sku}.csv"
    with open(scratch, "w") as fh:  #@vuln CWE-377
        fh.write("sku,qty\n")
    return scratch


def cmd_scratch_safe(sku: str):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:  #@safe
        fh.write("sku,qty\n")
        return fh.name


def cmd_calc():
    expr = input("quantity formula> ")
    print(eval(expr))  #@vuln CWE-95|CWE-94


def main(argv=None):
    parser = argparse.ArgumentParser(prog="stockctl")
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name, nargs in [("lookup", 1), ("bin", 1), ("adjust", 2), ("export", 1), ("label", 2), ("rules", 1), ("restore", 1), ("scratch", 1), ("calc", 0)]:
        p = sub.add_parser(name)
        p.add_argument("args", nargs=nargs or "*")
    ns = parser.parse_args(argv)
    dispatch = {
        "lookup": cmd_lookup,
        "bin": cmd_lookup_bin,
        "adjust": cmd_adjust,
        "export": cmd_export,
        "label": cmd_print_label,
        "rules": cmd_load_rules,
        "restore": cmd_restore_session,
        "scratch": cmd_scratch,
        "calc": cmd_calc,
    }
    dispatch[ns.cmd](*ns.args)


if __name__ == "__main__":
    main(sys.argv[1:])
