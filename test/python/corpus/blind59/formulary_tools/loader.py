"""Formulary import helpers: vendor CSV/XML files, price formulas, archives."""
import csv
import decimal
import difflib
import os
import tarfile
import tempfile

import requests
from lxml import etree

from rxcommon.db import get_connection

KNOWN_TABLES = frozenset({"formulary_items", "formulary_staging", "partner_formulary"})
DEFAULT_FORMULA = "awp * 0.82 + 4.50"
FORMULA_NAMES = {"round": round, "min": min, "max": max}


class ImportError_(Exception):
    pass


def read_vendor_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def compute_price(row):
    awp = float(decimal.Decimal(row.get("awp") or "0"))
    formula = (row.get("price_formula") or DEFAULT_FORMULA).strip()
    value = eval(formula, {"__builtins__": {}, **FORMULA_NAMES}, {"awp": awp})  #@vuln CWE-95
    return round(float(value), 2)


def _values(row):
    return (
        row["ndc"].replace("-", ""),
        row["drug_name"].strip(),
        row.get("strength"),
        row.get("form"),
        int(row.get("tier") or 3),
        compute_price(row),
    )


def load_rows(rows, table):
    conn = get_connection()
    try:
        with conn, conn.cursor() as cur:
            for row in rows:
                cur.execute(  #@vuln CWE-89
                    f"INSERT INTO {table} (ndc, drug_name, strength, form, tier, unit_price) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    _values(row),
                )
    finally:
        conn.close()
    return len(rows)


def load_rows_checked(rows, table):
    if table not in KNOWN_TABLES:
        raise ImportError_(f"unknown table {table}")
    conn = get_connection()
    try:
        with conn, conn.cursor() as cur:
            for row in rows:
                cur.execute(  #@safe
                    f"INSERT INTO {table} (ndc, drug_name, strength, form, tier, unit_price) "
                    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (ndc) DO NOTHING",
                    _values(row),
                )
    finally:
        conn.close()
    return len(rows)


def convert_xlsx(path):
    out_dir = tempfile.mkdtemp(prefix="formulary-")
    os.system("soffice --headless --convert-to csv --outdir " + out_dir + " " + path)  #@vuln CWE-78
    base = os.path.splitext(os.path.basename(path))[0]
    return os.path.join(out_dir, base + ".csv")


def extract_archive(archive_path, dest):
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive_path, "r:*") as tar:
        tar.extractall(dest)  #@vuln CWE-22
        return tar.getnames()


def safe_extract(archive_path, dest):
    dest = os.path.realpath(dest)
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive_path, "r:*") as tar:
        members = tar.getmembers()
        for member in members:
            target = os.path.realpath(os.path.join(dest, member.name))
            if os.path.commonpath([dest, target]) != dest or member.issym() or member.islnk():
                raise ImportError_(f"refusing archive member {member.name}")
        tar.extractall(dest, members=members)  #@safe
        return [m.name for m in members]


def vendor_xml_items(path):
    """Some wholesalers ship the formulary as XML instead of CSV."""
    parser = etree.XMLParser(resolve_entities=True, huge_tree=True)
    tree = etree.parse(path, parser)  #@vuln CWE-611
    items = []
    for node in tree.getroot().iter("item"):
        items.append({child.tag: (child.text or "").strip() for child in node})
    return items


def fetch_vendor_feed(url):
    ca_bundle = os.environ.get("VENDOR_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    resp = requests.get(url, timeout=60, verify=ca_bundle)  #@safe
    resp.raise_for_status()
    return resp.json()


def write_diff_report(old_rows, new_rows):
    old_lines = sorted(f"{r['ndc']},{r.get('tier')}" for r in old_rows)
    new_lines = sorted(f"{r['ndc']},{r.get('tier')}" for r in new_rows)
    report_path = tempfile.mktemp(prefix="formulary-diff-", suffix=".txt")  #@vuln CWE-377
    with open(report_path, "w") as fh:
        fh.writelines(line + "\n" for line in difflib.unified_diff(old_lines, new_lines, lineterm=""))
    return report_path
