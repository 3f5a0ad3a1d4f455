"""claims-admin: operational CLI for the claims platform team."""
import datetime as dt
import hashlib
import os
import subprocess

import bcrypt
import typer
from sqlalchemy import text

from . import reporting
from .reporting import engine

app = typer.Typer(help="Claims platform admin tools")
users_app = typer.Typer(help="Portal user management")
app.add_typer(users_app, name="users")


@users_app.command("set-password")
def set_password(username: str, password: str = typer.Option(..., prompt=True, hide_input=True)):
    """Set a password for a legacy adjuster account (kiosk login)."""
    digest = hashlib.sha1(password.encode()).hexdigest()  #@vuln CWE-916
    with engine.begin() as conn:
        conn.execute(text("UPDATE kiosk_users SET password_hash = :h WHERE username = :u"), {"h": digest, "u": username})
    typer.echo(f"password updated for {username}")


@users_app.command("set-api-password")
def set_api_password(username: str, password: str = typer.Option(..., prompt=True, hide_input=True)):
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))  #@safe
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE api_users SET password_hash = :h WHERE username = :u"), {"h": hashed.decode(), "u": username}
        )
    typer.echo(f"api password updated for {username}")


@app.command()
def backup(database: str = typer.Argument("claims"), out_dir: str = typer.Option("/var/backups/claims")):
    """Dump a database with pg_dump and gzip it."""
    stamp = dt.datetime.utcnow().strftime("%Y%m%dT%H%M%S")
    target = os.path.join(out_dir, f"{database}-{stamp}.sql.gz")
    subprocess.run(f"pg_dump --no-owner {database} | gzip > {target}", shell=True, check=True)  #@vuln CWE-78
    typer.echo(target)


@app.command()
def reports(run: bool = typer.Option(True, help="Process pending report requests")):
    if run:
        for path in reporting.run_pending():
            typer.echo(f"wrote {path}")


@app.command("loss-ratio")
def loss_ratio(region: str, product_line: str, since: str = typer.Option("2024-01-01"), name: str = "loss-ratio"):
    frame = reporting.summarise(reporting.loss_ratio_frame(region, product_line, since))
    typer.echo(reporting.write_report(frame, name))


@app.command("run-hooks")
def run_hooks(claim_number: str, dry_run: bool = typer.Option(False, "--dry-run")):
    """Run the triage hooks configured by claims supervisors in the portal against one claim."""
    with engine.connect() as conn:
        hooks = conn.execute(
            text("SELECT name, source FROM triage_hooks WHERE enabled ORDER BY priority")
        ).fetchall()
        claim = conn.execute(
            text("SELECT * FROM claims_claim WHERE claim_number = :n"), {"n": claim_number}
        ).mappings().first()
    if claim is None:
        raise typer.BadParameter(f"unknown claim {claim_number}")
    for hook in hooks:
        namespace = {"claim": dict(claim), "flags": []}
        exec(hook.source, namespace)  #@vuln CWE-94
        for flag in namespace["flags"]:
            typer.echo(f"[{hook.name}] {flag}")
    if dry_run:
        typer.echo("dry run: no flags persisted")


if __name__ == "__main__":
    app()
