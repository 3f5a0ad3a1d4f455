"""`rxformulary` - command line tool the pharmacy ops team uses for formulary imports."""
import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal

import click

from formulary_tools import loader
from rxcommon.db import fetch_all, get_connection


@click.group()
@click.option("-v", "--verbose", is_flag=True)
@click.pass_context
def cli(ctx, verbose):
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


@cli.command("import-csv")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--table", default="formulary_staging", show_default=True)
@click.option("--strict/--no-strict", default=True, help="Only allow the known formulary tables.")
def import_csv(path, table, strict):
    rows = loader.read_vendor_csv(path)
    if strict:
        count = loader.load_rows_checked(rows, table)
    else:
        count = loader.load_rows(rows, table)
    click.echo(f"imported {count} rows into {table}")


@cli.command("import-xlsx")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--table", default="formulary_staging")
def import_xlsx(path, table):
    csv_path = loader.convert_xlsx(path)
    rows = loader.read_vendor_csv(csv_path)
    click.echo(f"imported {loader.load_rows_checked(rows, table)} rows")


@cli.command("import-xml")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_xml(path):
    items = loader.vendor_xml_items(path)
    count = loader.load_rows_checked(items, "formulary_staging")
    click.echo(f"imported {count} rows from XML")


@cli.command("import-archive")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--dest", default="/srv/rxbridge/formulary/incoming", show_default=True)
@click.option("--trusted", is_flag=True, help="Archive comes from our own export job.")
def import_archive(archive, dest, trusted):
    names = loader.extract_archive(archive, dest) if trusted else loader.safe_extract(archive, dest)
    csv_files = [n for n in names if n.endswith(".csv")]
    for name in csv_files:
        rows = loader.read_vendor_csv(os.path.join(dest, name))
        loader.load_rows_checked(rows, "formulary_staging")
    click.echo(f"extracted {len(names)} files, loaded {len(csv_files)} CSVs")


@cli.command("fetch-feed")
@click.argument("url")
def fetch_feed(url):
    data = loader.fetch_vendor_feed(url)
    click.echo(json.dumps(data.get("summary", {}), indent=2))


@cli.command("diff")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def diff(path):
    current = fetch_all("SELECT ndc, tier FROM formulary_items ORDER BY ndc", None)
    report = loader.write_diff_report(current, loader.read_vendor_csv(path))
    click.echo(f"diff written to {report}")


@cli.command("apply-rules")
@click.argument("rules_file", type=click.File("r"))
@click.option("--dry-run", is_flag=True)
def apply_rules(rules_file, dry_run):
    """Run a tiering rules script against the staging table."""
    rows = fetch_all("SELECT ndc, drug_name, tier, unit_price FROM formulary_staging", None)
    namespace = {"rows": rows, "Decimal": Decimal, "changes": []}
    exec(compile(rules_file.read(), rules_file.name, "exec"), namespace)  #@vuln CWE-94
    changes = namespace["changes"]
    if dry_run:
        click.echo(json.dumps(changes, indent=2, default=str))
        return
    conn = get_connection()
    with conn, conn.cursor() as cur:
        for ndc, tier in changes:
            cur.execute("UPDATE formulary_staging SET tier = %s WHERE ndc = %s", (tier, ndc))
    conn.close()
    click.echo(f"applied {len(changes)} tier changes")


@cli.command("checksum")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--expected", help="Checksum published by the wholesaler.")
def checksum(path, expected):
    with open(path, "rb") as fh:
        digest = hashlib.sha1(fh.read()).hexdigest()  #@vuln CWE-328|CWE-327
    if expected and digest != expected.lower():
        click.echo("checksum mismatch", err=True)
        sys.exit(2)
    click.echo(digest)


@cli.command("create-kiosk-user")
@click.argument("store_code")
@click.password_option()
def create_kiosk_user(store_code, password):
    """In-store pickup kiosks authenticate with a per-store account."""
    password_hash = hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328|CWE-327
    conn = get_connection()
    with conn, conn.cursor() as cur:
        cur.execute(
            "INSERT INTO kiosk_accounts (store_code, password_hash) VALUES (%s, %s) "
            "ON CONFLICT (store_code) DO UPDATE SET password_hash = EXCLUDED.password_hash",
            (store_code, password_hash),
        )
    conn.close()
    click.echo(f"kiosk account for {store_code} saved")


@cli.command("restore-snapshot")
@click.argument("dump_file")
@click.option("--database", default="rxbridge", show_default=True)
def restore_snapshot(dump_file, database):
    cmd = f"pg_restore --clean --if-exists --no-owner -d {database} {dump_file}"
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78


@cli.command("vacuum")
def vacuum():
    subprocess.run(["vacuumdb", "--analyze", "--dbname", "rxbridge"], check=True)  #@safe
    click.echo("vacuum complete")


if __name__ == "__main__":
    cli(obj={})
