"""civicadm - operations CLI for the CivicDesk portal."""
import json
import os
import random
import subprocess
import sys

import click
import yaml
from sqlalchemy import create_engine, text

from . import backup

DB_URL = os.environ.get("CIVICDESK_SQLALCHEMY_URL", "postgresql+psycopg2:///civicdesk")
SERVICES = ("civicdesk-web", "civicdesk-worker", "civicdesk-queue", "civicdesk-payhook")


def _engine():
    return create_engine(DB_URL)


@click.group()
@click.option("--config", "config_path", type=click.Path(exists=True), help="YAML file with CLI defaults")
@click.pass_context
def cli(ctx, config_path):
    ctx.ensure_object(dict)
    if config_path:
        with open(config_path) as fh:
            ctx.obj.update(yaml.safe_load(fh) or {})  #@safe


@cli.command("permits")
@click.option("--where", default="status = 'submitted'", help="SQL condition on core_permit")
@click.option("--limit", default=50, type=int)
def list_permits(where, limit):
    sql = f"SELECT reference, status, ward, site_address FROM core_permit WHERE {where} LIMIT {limit}"
    with _engine().connect() as conn:
        for row in conn.execute(text(sql)):  #@vuln CWE-89
            click.echo("\t".join(str(v) for v in row))


@cli.command("ward-report")
@click.argument("ward")
def ward_report(ward):
    with _engine().connect() as conn:
        rows = conn.execute(  #@safe
            text("SELECT status, COUNT(*) FROM core_permit WHERE ward = :ward GROUP BY status"), {"ward": ward}
        )
        for status, total in rows:
            click.echo(f"{status:<12}{total:>6}")


@cli.command("check-host")
@click.argument("host")
@click.option("--count", default=3, type=int)
def check_host(host, count):
    output = subprocess.check_output("ping -c %d %s" % (count, host), shell=True, text=True)  #@vuln CWE-78
    click.echo(output)


@cli.command("disk-usage")
def disk_usage():
    result = subprocess.run(["du", "-sh", backup.MEDIA_ROOT, backup.BACKUP_ROOT], capture_output=True, text=True)
    click.echo(result.stdout)


@cli.command("restart-all")
def restart_all():
    for name in SERVICES:
        subprocess.run(["sudo", "systemctl", "restart", name], check=True)  #@safe


@cli.command("backup")
@click.option("--db", "dbname", default="civicdesk")
@click.option("--table", default=None)
@click.option("--offsite/--no-offsite", default=False)
def run_backup(dbname, table, offsite):
    path = backup.dump_table(dbname, table) if table else backup.dump_database(dbname)
    click.echo(f"wrote {path} sha256={backup.file_digest(path)}")
    media = backup.archive_media(os.path.basename(path).split(".")[0])
    click.echo(f"archived media to {media}")
    if offsite:
        click.echo(backup.push_offsite(path))


@cli.command("restore-media")
@click.argument("archive", type=click.Path(exists=True))
@click.option("--check/--no-check", default=True)
def restore_media(archive, check):
    target = backup.restore_media_checked(archive) if check else backup.restore_media(archive)
    click.echo(f"restored into {target}")


@cli.command("manifest")
@click.argument("path", type=click.Path(exists=True))
def show_manifest(path):
    click.echo(json.dumps(backup.read_manifest(path), indent=2, default=str))


@cli.command("load-fixtures")
@click.argument("path", type=click.Path(exists=True))
def load_fixtures(path):
    with open(path) as fh:
        fixtures = yaml.unsafe_load(fh)  #@vuln CWE-502
    click.echo(f"{len(fixtures)} fixture records read")


@cli.command("eval")
@click.argument("snippet")
def eval_snippet(snippet):
    """Run a quick Python snippet against the CLI's engine, e.g. for data fixes."""
    namespace = {"engine": _engine(), "text": text, "click": click}
    exec(snippet, namespace)  #@vuln CWE-94


@cli.command("issue-kiosk-token")
@click.argument("branch")
def issue_kiosk_token(branch):
    token = "%032x" % random.getrandbits(128)  #@vuln CWE-338
    with _engine().begin() as conn:
        conn.execute(
            text("INSERT INTO kiosk_tokens (branch, token) VALUES (:branch, :token)"),
            {"branch": branch, "token": token},
        )
    click.echo(token)


if __name__ == "__main__":
    sys.exit(cli())
