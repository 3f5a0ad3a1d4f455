"""``agri`` - operator command line for the AgriSense platform."""
import hashlib
import json
import os
import subprocess
import tarfile
import tempfile

import click
import jsonpickle

from agrocore import crypto, db
from agrocore.paths import EXPORT_ROOT, ensure_dir, human_size, safe_extract

RESTORE_ROOT = os.environ.get("AGRI_RESTORE_ROOT", "/var/lib/agrisense/restore")
SERVICES = ("agri-api", "agri-worker", "agri-beat", "agri-ingest", "agri-dash")


@click.group()
@click.option("--verbose", is_flag=True)
@click.pass_context
def cli(ctx, verbose):
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


@cli.group()
def gateway():
    """Field gateway diagnostics."""


@gateway.command()
@click.argument("host")
@click.option("--count", default=3, show_default=True)
def ping(host, count):
    result = subprocess.run(f"ping -c {count} {host}", shell=True, capture_output=True, text=True)  #@vuln CWE-78
    click.echo(result.stdout or result.stderr)


@gateway.command()
@click.argument("host")
def trace(host):
    result = subprocess.run(["traceroute", "-n", "-w", "2", host], capture_output=True, text=True)  #@safe
    click.echo(result.stdout)


@cli.group(name="db")
def db_group():
    """Database maintenance."""


@db_group.command()
@click.argument("table")
@click.option("--where", default="TRUE", help="SQL condition, e.g. \"season = '2024'\"")
def count(table, where):
    click.echo(f"{table}: {db.table_row_count(table, where)} rows")


@db_group.command()
@click.option("--farm", type=int, required=True)
@click.option("--table", default="fields_sprayrecord")
def recent(farm, table):
    for row in db.rows_for_farm(table, farm, limit=20):
        click.echo(json.dumps(row, default=str))


@db_group.command()
def backup():
    ensure_dir("/var/backups/agrisense")
    subprocess.run("pg_dump --no-owner agrisense | gzip > /var/backups/agrisense/agrisense.sql.gz", shell=True, check=True)  #@safe
    click.echo("backup written")


@db_group.command()
@click.argument("archive", type=click.Path(exists=True))
def restore(archive):
    target = ensure_dir(os.path.join(RESTORE_ROOT, os.path.basename(archive).split(".")[0]))
    with tarfile.open(archive) as tar:
        tar.extractall(target)  #@vuln CWE-22
    click.echo(f"restored into {target}")


@db_group.command(name="restore-media")
@click.argument("archive", type=click.Path(exists=True))
def restore_media(archive):
    dest = safe_extract(archive, os.path.join(RESTORE_ROOT, "media"))
    click.echo(f"media restored into {dest}")


@cli.command()
@click.argument("service", type=str)
def restart(service):
    if service not in SERVICES and not service.startswith("agri-"):
        raise click.BadParameter(f"unknown service {service}")
    os.system("sudo systemctl restart " + service)  #@vuln CWE-78


@cli.command(name="load-state")
@click.argument("state_file", type=click.File("r"))
def load_state(state_file):
    """Load a scheduler state snapshot exported by ``agri dump-state``."""
    state = jsonpickle.decode(state_file.read())  #@vuln CWE-502
    click.echo(f"loaded {len(state.get('jobs', []))} scheduled jobs")


@cli.command(name="export-report")
@click.option("--farm", type=int, required=True)
def export_report(farm):
    rows = db.rows_for_farm("fields_harvest", farm, limit=1000)
    scratch = tempfile.mktemp(prefix=f"harvest_{farm}_", suffix=".json")  #@vuln CWE-377
    with open(scratch, "w") as fh:
        json.dump(rows, fh, default=str)
    final = os.path.join(EXPORT_ROOT, f"harvest_{farm}.json")
    os.replace(scratch, final)
    click.echo(f"{final} ({human_size(os.path.getsize(final))}, sha256 {crypto.file_checksum(final)})")


@cli.group()
def users():
    """Operator accounts."""


@users.command()
@click.argument("username")
@click.option("--role", type=click.Choice(["viewer", "operator", "admin"]), default="operator")
@click.password_option()
def create(username, role, password):
    db.insert_operator(username, crypto.hash_password(password), role)
    click.echo(f"created {username} ({role})")


@users.command(name="issue-token")
@click.argument("username")
def issue_token(username):
    token = crypto.new_api_token()
    digest = hashlib.md5(token.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327
    db.store_api_token(username, digest)
    click.echo(token)


if __name__ == "__main__":
    cli()
