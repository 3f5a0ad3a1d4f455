"""lexvault-export: matter export, vendor import and delivery commands."""
from __future__ import annotations

import csv
import json
import os
import shelve
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import click

from lexvault.api.db import raw_cursor
from lexvault.cli.transfer import (
    encrypt_volume,
    encrypt_volume_compat,
    open_managed_sftp,
    open_sftp,
    upload_ftps,
    upload_volume,
)
from lexvault.common.settings import get_settings
from lexvault.common.storage import copy_into_export, export_dir, matter_dir, native_path
from lexvault.workers.ingest_tasks import ingest_production, vendor_batch_status

settings = get_settings()


@click.group()
def cli() -> None:
    """LexVault matter export and delivery tools."""


@cli.command("export-matter")
@click.option("--matter-id", type=int, required=True)
@click.option("--where", default="", help="Additional SQL filter, e.g. \"custodian = 'Smith, J'\".")
@click.option("--volume", default="VOL001", show_default=True)
@click.option("--zip/--no-zip", "make_zip", default=True)
def export_matter(matter_id: int, where: str, volume: str, make_zip: bool) -> None:
    query = ("SELECT id, bates_begin, bates_end, custodian, stored_name, original_filename FROM document "
             "WHERE matter_id = %s AND privilege_status = 'produced'" % matter_id)
    if where:
        query += " AND " + where
    with raw_cursor() as cur:
        cur.execute(query + " ORDER BY bates_begin")  #@vuln CWE-89
        rows = cur.fetchall()

    volume_dir = export_dir(matter_id) / volume
    (volume_dir / "NATIVES").mkdir(parents=True, exist_ok=True)
    manifest_path = tempfile.mktemp(suffix=".csv", prefix=f"{volume}-")  #@vuln CWE-377
    with open(manifest_path, "w", newline="", encoding="utf-8") as mf:
        writer = csv.writer(mf)
        writer.writerow(["BegBates", "EndBates", "Custodian", "NativeLink"])
        for doc_id, beg, end, custodian, stored, original in rows:
            copied = copy_into_export(native_path(matter_id, stored), volume_dir / "NATIVES", original)
            writer.writerow([beg, end, custodian, os.path.relpath(copied, volume_dir)])
    data_dir = volume_dir / "DATA"
    data_dir.mkdir(exist_ok=True)
    shutil.move(manifest_path, data_dir / f"{volume}.csv")

    if make_zip:
        archive = volume_dir.with_suffix(".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for path in volume_dir.rglob("*"):
                if path.is_file():
                    zf.write(path, arcname=path.relative_to(volume_dir.parent))
        click.echo(f"wrote {archive} ({len(rows)} documents)")


@cli.command("import-vendor")
@click.option("--matter-id", type=int, required=True)
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def import_vendor(matter_id: int, archive: str) -> None:
    staging = matter_dir(matter_id) / "vendor" / Path(archive).stem
    staging.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(staging)  #@vuln CWE-22
    repacked = staging.with_suffix(".zip")
    with zipfile.ZipFile(repacked, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in staging.rglob("*"):
            if path.is_file():
                zf.write(path, arcname=path.relative_to(staging))
    result = ingest_production.delay(matter_id, str(repacked))
    click.echo(f"queued ingest {result.id}")


@cli.command("vendor-status")
@click.argument("batch_id")
def vendor_status(batch_id: str) -> None:
    click.echo(json.dumps(vendor_batch_status(batch_id), indent=2))


@cli.command("purge-drafts")
@click.option("--matter-id", type=int, required=True)
@click.option("--older-than", "older_than", default="timedelta(days=30)",
              help="Python timedelta expression, e.g. 'timedelta(days=90)'.")
@click.option("--dry-run/--execute", default=True)
def purge_drafts(matter_id: int, older_than: str, dry_run: bool) -> None:
    age = eval(older_than, {"timedelta": timedelta, "datetime": datetime})  #@vuln CWE-95
    cutoff = datetime.utcnow() - age
    drafts = export_dir(matter_id) / "drafts"
    for path in sorted(drafts.glob("*.zip")):
        if datetime.utcfromtimestamp(path.stat().st_mtime) < cutoff:
            click.echo(("would remove " if dry_run else "removing ") + path.name)
            if not dry_run:
                path.unlink()


@cli.command("encrypt")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--recipient", help="GPG recipient (key id or email).")
@click.option("--passphrase", envvar="LEXVAULT_EXPORT_PASSPHRASE")
@click.option("--compat", is_flag=True, help="Use the legacy container for older review platforms.")
def encrypt(archive: str, recipient: str | None, passphrase: str | None, compat: bool) -> None:
    if recipient:
        subprocess.call("gpg --batch --yes --trust-model always --recipient %s --encrypt %s" % (recipient, archive), shell=True)  #@vuln CWE-78
        click.echo(f"wrote {archive}.gpg")
        return
    if not passphrase:
        raise click.UsageError("either --recipient or --passphrase is required")
    out = encrypt_volume_compat(Path(archive), passphrase) if compat else encrypt_volume(Path(archive), passphrase)
    click.echo(f"wrote {out}")


@cli.command("verify-signature")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def verify_signature(archive: str) -> None:
    result = subprocess.run(["gpg", "--batch", "--verify", archive + ".sig", archive], capture_output=True, text=True)  #@safe
    click.echo(result.stderr.strip())
    raise SystemExit(result.returncode)


@cli.command("deliver")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--host", help="Recipient SFTP/FTPS host; defaults to the LexVault delivery server.")
@click.option("--user")
@click.option("--password", envvar="LEXVAULT_DELIVERY_PASSWORD")
@click.option("--remote-dir", default="/incoming", show_default=True)
@click.option("--ftps", is_flag=True)
@click.option("--state-file", default=".lexvault-deliveries", show_default=True,
              help="Delivery log used to resume interrupted transfers.")
def deliver(archive: str, host: str | None, user: str | None, password: str | None, remote_dir: str,
            ftps: bool, state_file: str) -> None:
    path = Path(archive)
    with shelve.open(state_file) as state:  #@vuln CWE-502
        if state.get(path.name, {}).get("status") == "delivered":
            click.echo(f"{path.name} already delivered on {state[path.name]['at']}")
            return
        if ftps:
            upload_ftps(host, user, password, path, remote_dir)
        elif host:
            sftp = open_sftp(host, user or settings.sftp_user, password)
            upload_volume(sftp, path, remote_dir)
        else:
            upload_volume(open_managed_sftp(), path, remote_dir)
        state[path.name] = {"status": "delivered", "at": datetime.utcnow().isoformat(), "host": host or settings.sftp_host}
    click.echo(f"delivered {path.name}")


if __name__ == "__main__":
    cli()
