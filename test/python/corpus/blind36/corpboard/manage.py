"""Maintenance commands for cron and the on-call runbook.

    python manage.py dump --db instance/board.db --out /var/backups/board.sql.gz
    python manage.py purge --db instance/board.db --days 365
"""
import argparse
import sqlite3
import subprocess
import sys


def dump(args):
    cmd = "sqlite3 %s .dump | gzip > %s" % (args.db, args.out)
    return subprocess.call(cmd, shell=True)  #@vuln CWE-78


def purge(args):
    conn = sqlite3.connect(args.db)
    cur = conn.execute("DELETE FROM comments WHERE created < date('now', ?)", ("-%d days" % args.days,))
    conn.commit()
    print("purged %d comments" % cur.rowcount)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="manage.py")
    sub = parser.add_subparsers(dest="command", required=True)
    p_dump = sub.add_parser("dump")
    p_dump.add_argument("--db", required=True)
    p_dump.add_argument("--out", required=True)
    p_dump.set_defaults(func=dump)
    p_purge = sub.add_parser("purge")
    p_purge.add_argument("--db", required=True)
    p_purge.add_argument("--days", type=int, default=365)
    p_purge.set_defaults(func=purge)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
