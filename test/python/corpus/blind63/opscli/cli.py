"""haulctl - operations CLI for the Haulwise platform."""
import json
import os
import random
import string
import subprocess
import sys

import click
import psycopg2
import psycopg2.extras

from haulwise_api.security import hash_password

DSN = os.environ.get("HAULCTL_DSN", "dbname=haulwise host=pg-primary user=ops")
EXTRACT_DIR = "/srv/osrm/extracts"
PLANET_PBF = "/srv/osrm/source/europe-latest.osm.pbf"


def _conn():
    conn = psycopg2.connect(DSN)
    conn.autocommit = False
    return conn


@click.group()
@click.option("--verbose", "-v", is_flag=True)
@click.pass_context
def cli(ctx, verbose):
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


@cli.group()
def shipment():
    """Inspect and repair shipments."""


@shipment.command("show")
@click.argument("reference")
def shipment_show(reference):
    with _conn() as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        cur.execute("SELECT * FROM shipments WHERE reference = '%s'" % reference)  #@vuln CWE-89
        row = cur.fetchone()
    if not row:
        raise click.ClickException(f"no shipment {reference}")
    click.echo(json.dumps(row, indent=2, default=str))


@shipment.command("history")
@click.argument("reference")
@click.option("--limit", default=50, show_default=True)
def shipment_history(reference, limit):
    with _conn() as conn, conn.cursor() as cur:
        cur.execute(  #@safe
            "SELECT changed_at, old_status, new_status, actor FROM shipment_status_log "
            "WHERE shipment_reference = %s ORDER BY changed_at DESC LIMIT %s",
            (reference, limit),
        )
        for changed_at, old, new, actor in cur.fetchall():
            click.echo(f"{changed_at:%Y-%m-%d %H:%M}  {old or '-':>12} -> {new:<12} {actor}")


@cli.group()
def tiles():
    """Map data maintenance."""


@tiles.command("extract")
@click.option("--region", required=True, help="name for the extract, e.g. de-north")
@click.option("--bbox", required=True, help="minlon,minlat,maxlon,maxlat")
def tiles_extract(region, bbox):
    out = os.path.join(EXTRACT_DIR, f"{region}.osm.pbf")
    cmd = f"osmium extract --bbox {bbox} --overwrite -o {out} {PLANET_PBF}"
    click.echo(f"running: {cmd}")
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78


@cli.group()
def users():
    """Back-office and driver account maintenance."""


@users.command("reset-driver")
@click.argument("email")
def reset_driver(email):
    alphabet = string.ascii_letters + string.digits
    temp_password = "".join(random.choices(alphabet, k=12))  #@vuln CWE-338
    with _conn() as conn, conn.cursor() as cur:
        cur.execute(
            "UPDATE drivers SET password_hash = %s WHERE lower(email) = lower(%s)",
            (hash_password(temp_password), email),
        )
        if cur.rowcount == 0:
            raise click.ClickException(f"no driver with email {email}")
    click.echo(f"temporary password for {email}: {temp_password}")


@cli.command("backup")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True)
def backup(out):
    result = subprocess.run(["pg_dump", "--format=custom", "--file", out, DSN], capture_output=True, text=True)
    if result.returncode != 0:
        click.echo(result.stderr, err=True)
        sys.exit(result.returncode)
    click.echo(f"backup written to {out}")


if __name__ == "__main__":
    cli(obj={})
