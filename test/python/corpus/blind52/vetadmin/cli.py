"""``vetadmin`` - operations CLI for the PawsNet platform team."""
import json
import random
import shelve
import string
import subprocess
from pathlib import Path
from typing import Optional

import psycopg2
import typer
import yaml

from vet_workers import exports, tasks
from vetnet_common.config import settings
from vetnet_common.security import generate_portal_pin, hash_staff_password
from vetnet_common.staff_directory import StaffDirectory

app = typer.Typer(help="PawsNet platform administration")
staff_app = typer.Typer(help="Staff accounts and directory")
data_app = typer.Typer(help="Reports, exports and backups")
app.add_typer(staff_app, name="staff")
app.add_typer(data_app, name="data")


def _db():
    return psycopg2.connect(
        host=settings.DB_HOST,
        port=settings.DB_PORT,
        dbname=settings.DB_NAME,
        user=settings.DB_USER,
        password=settings.DB_PASSWORD,
    )


@staff_app.command("find")
def staff_find(name: str, clinic: Optional[str] = typer.Option(None, help="Clinic code (ou)")):
    directory = StaffDirectory()
    people = directory.staff_for_clinic(clinic) if clinic else directory.search_by_name(name)
    for person in people:
        typer.echo(f"{person['uid']:<12} {person['name']:<28} {person['role']:<18} {person['clinic']}")


@staff_app.command("create")
def staff_create(username: str, clinic: str, role: str = "nurse"):
    password = typer.prompt("Initial password", hide_input=True, confirmation_prompt=True)
    with _db() as conn, conn.cursor() as cur:
        cur.execute(
            "INSERT INTO staff_account (username, clinic_code, role, password_hash) VALUES (%s, %s, %s, %s)",
            (username, clinic, role, hash_staff_password(password)),
        )
    typer.secho(f"created {username}", fg=typer.colors.GREEN)


@staff_app.command("temp-password")
def staff_temp_password(username: str):
    """Issue a temporary password that the staff member must change on first login."""
    temp = "".join(random.choices(string.ascii_letters + string.digits, k=10))  #@vuln CWE-338
    with _db() as conn, conn.cursor() as cur:
        cur.execute(
            "UPDATE staff_account SET password_hash = %s, must_change = true WHERE username = %s",
            (hash_staff_password(temp), username),
        )
    typer.echo(f"temporary password for {username}: {temp}")


@app.command("owner-pin")
def owner_pin(owner_id: int):
    pin = generate_portal_pin()
    with _db() as conn, conn.cursor() as cur:
        cur.execute("UPDATE portal_owner SET pin = %s WHERE id = %s", (pin, owner_id))
    typer.echo(f"new results PIN for owner {owner_id}: {pin}")


@data_app.command("report")
def data_report(
    where: str = typer.Option("paid = false", help="SQL condition on clinic_api_invoice"),
    limit: int = typer.Option(100),
):
    query = "SELECT number, issued_at, total, paid FROM clinic_api_invoice WHERE " + where + " LIMIT %s"
    with _db() as conn, conn.cursor() as cur:
        cur.execute(query, (limit,))  #@vuln CWE-89
        for number, issued_at, total, paid in cur.fetchall():
            typer.echo(f"{number}\t{issued_at:%Y-%m-%d}\t{total:>10}\t{'paid' if paid else 'due'}")


@data_app.command("debtors")
def data_debtors(clinic: str, output: str = typer.Option("", help="File name inside the exports folder")):
    path = exports.export_debtors_report(clinic, output)
    typer.echo(path)


@data_app.command("archive")
def data_archive(clinic: str):
    result = tasks.archive_clinic_records.delay(clinic)
    typer.echo(f"queued archive job {result.id}")


@data_app.command("dump")
def data_dump(table: str, out_dir: Path = typer.Option(Path("/var/backups/vetnet/tables"))):
    out_file = out_dir / f"{table}.sql.gz"
    subprocess.run(f"pg_dump -h {settings.DB_HOST} -t {table} {settings.DB_NAME} | gzip > {out_file}", shell=True, check=True)  #@vuln CWE-78
    typer.echo(str(out_file))


@data_app.command("load-fixtures")
def load_fixtures(path: Path):
    with path.open("r", encoding="utf-8") as handle:
        fixtures = yaml.safe_load(handle)
    typer.echo(json.dumps({k: len(v) for k, v in fixtures.items()}, indent=2))


@data_app.command("replay-queue")
def replay_queue(queue_file: str = typer.Argument(..., help="Shelf saved by the old reminder daemon")):
    """Re-send reminders that were queued by the pre-Celery reminder daemon."""
    with shelve.open(queue_file, flag="r") as pending:  #@vuln CWE-502
        for key in list(pending.keys()):
            item = pending[key]
            tasks.send_booking_confirmation.delay(item["appointment_id"])
            typer.echo(f"requeued {key}")


if __name__ == "__main__":
    app()
