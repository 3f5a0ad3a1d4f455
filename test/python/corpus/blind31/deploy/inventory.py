"""Host inventory kept in a local sqlite file, plus a small argparse CLI
(python -m deploy.inventory list --role web --sort ip)."""
import argparse
import csv
import json
import os
import sys

import yaml

from common.db import sqlite_conn

DB_PATH = os.environ.get("INVENTORY_DB", "/var/lib/ops/inventory.db")
SORT_COLUMNS = {"name", "ip", "role", "dc", "updated_at"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS hosts (
    name TEXT PRIMARY KEY,
    ip TEXT NOT NULL,
    role TEXT NOT NULL,
    dc TEXT NOT NULL,
    tags TEXT DEFAULT '{}',
    updated_at TEXT DEFAULT CURRENT_TIMESTAMP
);
"""


def open_inventory(path=DB_PATH):
    conn = sqlite_conn(path)
    conn.executescript(SCHEMA)
    return conn


def find_hosts(conn, role=None, dc=None, sort="name"):
    sql = "SELECT name, ip, role, dc, tags FROM hosts WHERE 1=1"
    params = []
    if role:
        sql += " AND role = ?"
        params.append(role)
    if dc:
        sql += " AND dc = ?"
        params.append(dc)
    if sort not in SORT_COLUMNS:
        sort = "name"
    sql += f" ORDER BY {sort}"
    return conn.execute(sql, params).fetchall()  #@safe


def search_hosts(conn, pattern):
    return conn.execute(f"SELECT name, ip, role, dc FROM hosts WHERE name GLOB '{pattern}' OR ip GLOB '{pattern}'").fetchall()  #@vuln CWE-89


def hosts_with_tag(conn, key, value):
    return conn.execute(f"SELECT name, ip FROM hosts WHERE json_extract(tags, '$.{key}') = ?", (value,)).fetchall()  #@vuln CWE-89


def upsert_host(conn, host):
    conn.execute(
        "INSERT INTO hosts (name, ip, role, dc, tags) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET ip=excluded.ip, role=excluded.role, dc=excluded.dc, "
        "tags=excluded.tags, updated_at=CURRENT_TIMESTAMP",
        (host["name"], host["ip"], host["role"], host["dc"], json.dumps(host.get("tags", {}))),
    )


def retire_dc(conn, dc):
    conn.executescript(f"UPDATE hosts SET role = 'retired', updated_at = CURRENT_TIMESTAMP WHERE dc = '{dc}';")  #@vuln CWE-89


def import_file(conn, path):
    with open(path) as fh:
        data = yaml.safe_load(fh) if path.endswith((".yml", ".yaml")) else json.load(fh)
    for host in data["hosts"]:
        upsert_host(conn, host)
    conn.commit()
    return len(data["hosts"])


def _print(rows, fmt):
    if fmt == "json":
        print(json.dumps([dict(r) for r in rows], indent=2))
    else:
        csv.writer(sys.stdout, delimiter="\t" if fmt == "tsv" else ",").writerows(tuple(r) for r in rows)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="inventory")
    parser.add_argument("--db", default=DB_PATH)
    parser.add_argument("--format", choices=("csv", "tsv", "json"), default="tsv")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_list = sub.add_parser("list")
    p_list.add_argument("--role")
    p_list.add_argument("--dc")
    p_list.add_argument("--sort", default="name")
    p_search = sub.add_parser("search")
    p_search.add_argument("pattern")
    p_tag = sub.add_parser("tagged")
    p_tag.add_argument("key")
    p_tag.add_argument("value")
    p_import = sub.add_parser("import")
    p_import.add_argument("file")
    p_retire = sub.add_parser("retire-dc")
    p_retire.add_argument("dc")
    args = parser.parse_args(argv)

    conn = open_inventory(args.db)
    if args.cmd == "list":
        _print(find_hosts(conn, args.role, args.dc, args.sort), args.format)
    elif args.cmd == "search":
        _print(search_hosts(conn, args.pattern), args.format)
    elif args.cmd == "tagged":
        _print(hosts_with_tag(conn, args.key, args.value), args.format)
    elif args.cmd == "import":
        print(f"imported {import_file(conn, args.file)} hosts")
    elif args.cmd == "retire-dc":
        retire_dc(conn, args.dc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
