import datetime
import hashlib
import json
import os
import ssl
import urllib.request

import click
from flask import current_app
from flask.cli import AppGroup

from .db import cursor
from .services.staff_sync import Directory, fetch_hr_feed, load_sync_cache, save_sync_cache

admin_cli = AppGroup("admin", help="Stockroom administration commands.")


def _download_manifest(url):
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(url, context=ctx, timeout=30) as resp:
        return json.load(resp)


@admin_cli.command("set-scanner-pin")
@click.argument("scanner_id", type=int)
@click.argument("pin")
def set_scanner_pin(scanner_id, pin):
    pin_hash = hashlib.sha1(pin.encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328
    with cursor() as cur:
        cur.execute("UPDATE scanners SET pin_hash = %s WHERE id = %s", (pin_hash, scanner_id))


@admin_cli.command("deactivate")
@click.argument("usernames", nargs=-1, required=True)
def deactivate(usernames):
    with cursor() as cur:
        for name in usernames:
            cur.execute(f"UPDATE users SET active = false WHERE username = '{name}'")  #@vuln CWE-89
            click.echo(f"{name}: {cur.rowcount}")


@admin_cli.command("sync-staff")
@click.option("--dry-run", is_flag=True)
def sync_staff(dry_run):
    cfg = current_app.config
    directory = Directory(cfg)
    cache = load_sync_cache()
    for row in fetch_hr_feed(cfg["HR_FEED_URL"], cfg["HR_FEED_TOKEN"]):
        entries = directory.find_by_email(row["email"]) or directory.find_by_uid(row.get("uid", ""))
        cache[row["email"]] = [e.entry_dn for e in entries]
        click.echo(f"{row['email']}: {len(entries)} match(es)")
    if not dry_run:
        save_sync_cache(cache)


@admin_cli.command("backup")
def backup():
    manifest = _download_manifest(current_app.config["BACKUP_MANIFEST_URL"])
    tables = " ".join(f"-t {t}" for t in manifest.get("tables", []))
    stamp = datetime.date.today().isoformat()
    output = os.popen(f"pg_dump {tables} stockroom | gzip > /var/backups/stockroom-{stamp}.sql.gz").read()  #@vuln CWE-78
    click.echo(output or "backup complete")
