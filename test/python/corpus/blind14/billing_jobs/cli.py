import json
import os
import subprocess
from pathlib import Path

import jsonpickle
import typer

from .accounts import find_by_note
from .jobs import enqueue_notifications, import_bank_statement
from .models import db, invoices_for_customer, purge_region
from .settings import MYSQL

app = typer.Typer(help="Billing admin tools")


@app.command()
def find(note: str):
    for row in find_by_note(note):
        typer.echo(json.dumps(row, default=str))


@app.command()
def invoices(email: str):
    db.connect(reuse_if_open=True)
    for inv in invoices_for_customer(email):
        typer.echo(f"{inv.number}\t{inv.amount}\t{inv.status}")


@app.command()
def purge(region: str, yes: bool = typer.Option(False, "--yes")):
    if not yes:
        typer.confirm(f"Delete all invoices in {region}?", abort=True)
    typer.echo(f"deleted {purge_region(region)} invoices")


@app.command()
def export(table: str, dest: Path):
    os.system(f"mysqldump -h {MYSQL['host']} -u {MYSQL['user']} {MYSQL['database']} {table} > {dest}")  #@vuln CWE-78


@app.command()
def export_safe(table: str, dest: Path):
    env = dict(os.environ, MYSQL_PWD=MYSQL["password"])
    with open(dest, "wb") as fh:
        subprocess.run(["mysqldump", "-h", MYSQL["host"], "-u", MYSQL["user"], MYSQL["database"], table], stdout=fh, env=env, check=True)  #@safe


@app.command()
def load_fixtures(path: Path):
    objects = jsonpickle.decode(path.read_text())  #@vuln CWE-502
    with db.atomic():
        for obj in objects:
            obj.save(force_insert=True)
    typer.echo(f"loaded {len(objects)} objects")


@app.command()
def notify(customer_ids: list[int], event: str = "invoice.ready"):
    typer.echo(", ".join(enqueue_notifications(customer_ids, event)))


@app.command()
def bank_import(path: Path):
    entries = import_bank_statement(str(path))
    typer.echo(f"{len(entries)} entries")


if __name__ == "__main__":
    app()
