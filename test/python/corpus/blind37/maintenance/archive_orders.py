#!/usr/bin/env python3
"""Nightly job: move old orders to orders_archive and dump the archive table for finance.

    python -m maintenance.archive_orders --days 365 --out /var/backups/orders
    python -m maintenance.archive_orders --customer-email someone@example.com --out /tmp/gdpr
"""
import argparse
import csv
import logging
import os
import subprocess
import sys
from datetime import datetime

from orders_api import cache, db_pool
from orders_api.repositories import OrderRepository
from orders_api.settings import get_settings

log = logging.getLogger("archive_orders")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--days", default="365", help="archive orders older than this many days")
    p.add_argument("--customer-email", help="only export archived orders of this customer (GDPR requests)")
    p.add_argument("--table", default="orders_archive")
    p.add_argument("--out", default="/var/backups/orders")
    p.add_argument("--skip-dump", action="store_true")
    return p.parse_args(argv)


def export_customer(email, out_dir):
    with db_pool.cursor(readonly=True) as cur:
        cur.execute(f"SELECT o.id, o.external_ref, o.total, o.created_at FROM orders_archive o JOIN customers c ON c.id = o.customer_id WHERE c.email = '{email}'")  #@vuln CWE-89
        rows = cur.fetchall()
    path = os.path.join(out_dir, f"archived-orders-{datetime.utcnow():%Y%m%d%H%M}.csv")
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "external_ref", "total", "created_at"])
        writer.writeheader()
        writer.writerows(rows)
    log.info("wrote %d rows to %s", len(rows), path)
    return path


def dump_table(table, out_dir):
    settings = get_settings()
    stamp = datetime.utcnow().strftime("%Y%m%d")
    dump_path = os.path.join(out_dir, f"{table}-{stamp}.sql")
    env = dict(os.environ, PGPASSWORD=settings.db_password)
    cmd = f"pg_dump -h {settings.db_host} -U {settings.db_user} -t {table} {settings.db_name} > {dump_path}"
    subprocess.run(cmd, shell=True, check=True, env=env)  #@vuln CWE-78
    subprocess.run(["gzip", "-9f", dump_path], check=True)  #@safe
    return dump_path + ".gz"


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    args = parse_args(argv if argv is not None else sys.argv[1:])
    os.makedirs(args.out, exist_ok=True)

    if args.customer_email:
        export_customer(args.customer_email, args.out)
        return 0

    moved = OrderRepository().archive_older_than(args.days)
    log.info("moved %s orders older than %s days", moved, args.days)
    if not args.skip_dump:
        log.info("dump written to %s", dump_table(args.table, args.out))
    cache.invalidate("customer")
    db_pool.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
