"""hangarops: operations CLI for backups, vendor sync, reports and housekeeping."""
import datetime as dt
import marshal
import os
import random
import secrets
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import typer
from sqlalchemy import create_engine, text

from hangar_common import security, settings
from ops import reports, sftp_exchange

app = typer.Typer(help="HangarOps operations tooling", no_args_is_help=True)
backup_app = typer.Typer(help="Database and file backups")
vendor_app = typer.Typer(help="MRO vendor and authority exchange")
app.add_typer(backup_app, name="backup")
app.add_typer(vendor_app, name="vendor")


def _engine():
    return create_engine(settings.DATABASE_URL)


def _pg_env() -> dict:
    return {**os.environ, "PGPASSWORD": settings.DB_PASSWORD}


@backup_app.command("db")
def backup_db(
    database: str = typer.Option(settings.DB_NAME, help="Database to dump"),
    out_dir: Path = typer.Option(settings.BACKUP_DIR, help="Where to write the dump"),
):
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{database}-{dt.datetime.now():%Y%m%d-%H%M}.sql.gz"
    cmd = f"pg_dump -h {settings.DB_HOST} -U {settings.DB_USER} {database} | gzip > {target}"
    subprocess.run(cmd, shell=True, check=True, env=_pg_env())  #@vuln CWE-78
    typer.echo(f"wrote {target}")


@backup_app.command("restore-files")
def restore_files(bundle: Path, dest: Path = typer.Option(settings.DATA_ROOT)):
    with tarfile.open(bundle, "r:*") as tar:
        tar.extractall(dest)  #@vuln CWE-22
    typer.echo(f"restored {bundle} into {dest}")


@backup_app.command("schema")
def dump_schema():
    path = tempfile.mktemp(prefix="hangarops-schema-", suffix=".sql")  #@vuln CWE-377
    subprocess.run(
        ["pg_dump", "-h", settings.DB_HOST, "-U", settings.DB_USER, "--schema-only", "-f", path, settings.DB_NAME],
        check=True,
        env=_pg_env(),
    )
    typer.echo(Path(path).read_text())
    os.unlink(path)


@app.command("import-manuals")
def import_manuals(archive: Path):
    with tarfile.open(archive, "r:*") as tar:
        tar.extractall(settings.MANUALS_DIR, filter="data")  #@safe
    typer.echo("manuals imported")


@app.command("snapshot-config")
def snapshot_config(config_dir: Path = Path("/etc/hangarops")):
    fd, path = tempfile.mkstemp(prefix="hangarops-cfg-", suffix=".tar.gz")  #@safe
    with os.fdopen(fd, "wb") as fh, tarfile.open(fileobj=fh, mode="w:gz") as tar:
        tar.add(config_dir, arcname="hangarops")
    dest = settings.BACKUP_DIR / f"config-{dt.date.today():%Y%m%d}.tar.gz"
    shutil.move(path, dest)
    typer.echo(f"config snapshot at {dest}")


@app.command("rotate-logs")
def rotate_logs():
    subprocess.run(["/usr/sbin/logrotate", "-f", "/etc/logrotate.d/hangarops"], check=True)  #@safe


@app.command("check-station")
def check_station(host: str = typer.Argument(..., help="Line-station gateway host name")):
    output = os.popen("ping -c 3 -W 2 " + host).read()  #@vuln CWE-78
    typer.echo(output)


@app.command("load-rule-cache")
def load_rule_cache(cache_file: Path):
    with open(cache_file, "rb") as fh:
        compiled = marshal.load(fh)  #@vuln CWE-502
    typer.echo(f"{len(compiled)} compiled rules in cache")


@app.command("create-api-key")
def create_api_key(client_name: str, legacy_format: bool = typer.Option(False, "--legacy")):
    if legacy_format:
        key = "%032x" % random.getrandbits(128)  #@vuln CWE-338
    else:
        key = secrets.token_hex(32)  #@safe
    with _engine().begin() as conn:
        conn.execute(
            text("INSERT INTO api_clients (name, key_fingerprint, created_at) VALUES (:n, :f, now())"),
            {"n": client_name, "f": security.api_key_fingerprint(key)},
        )
    typer.echo(f"API key for {client_name}: {key}")


@app.command("compliance-report")
def compliance_report(
    station: str = typer.Option(..., help="Station code, e.g. LHR"),
    until: str = typer.Option(dt.date.today().isoformat(), help="Due-date cut-off"),
    fleet: str = typer.Option("A320"),
    extra_column: str = typer.Option(None, help="Derived column, e.g. 'hrs_per_cycle=flight_hours/cycles'"),
):
    path = reports.compliance_report(station, until, fleet, extra_column)
    typer.echo(f"report: {path}")


@vendor_app.command("pull")
def vendor_pull():
    files = sftp_exchange.pull_vendor_files()
    items = sftp_exchange.process_vendor_inbox(files)
    typer.echo(f"{len(files)} files, {len(items)} manifest lines")


@vendor_app.command("directives")
def vendor_directives():
    for directive in sftp_exchange.pull_directives():
        typer.echo(f"{directive['number']}  {directive['effective']}  {directive['subject']}")


if __name__ == "__main__":
    app()
