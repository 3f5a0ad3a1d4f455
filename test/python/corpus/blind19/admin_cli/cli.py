import pickle
from pathlib import Path
from typing import Annotated, Optional

import psycopg2
import typer

from . import ops, users
from .config import load

app = typer.Typer(help="Claims platform admin tooling", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance")
users_app = typer.Typer(help="User administration")
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")


@db_app.command("backup")
def backup(tables: Annotated[list[str], typer.Argument(help="tables to dump")], gzip: bool = True) -> None:
    cfg = load()
    cfg.backup_dir.mkdir(parents=True, exist_ok=True)
    for table in tables:
        dump = ops.dump_table(cfg, table, cfg.backup_dir)
        if gzip:
            dump = ops.compress(dump)
        typer.echo(f"dumped {table} -> {dump}")


@db_app.command("restore")
def restore(dump_file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    ops.restore_table(load(), dump_file)
    typer.secho("restore complete", fg=typer.colors.GREEN)


@db_app.command("purge-notes")
def purge_notes(older_than: int = 365, author: Annotated[Optional[str], typer.Option()] = None, yes: bool = False) -> None:
    if not yes:
        typer.confirm(f"Delete notes older than {older_than} days?", abort=True)
    typer.echo(f"deleted {ops.purge_notes(load(), older_than, author)} notes")


@app.command("du")
def du(path: str = "/srv/claims/documents") -> None:
    typer.echo(ops.disk_usage(path))


@app.command("logs")
def logs(service: str, lines: int = 200) -> None:
    typer.echo(ops.tail_service_log(service, lines))


@app.command("premium-calc")
def premium_calc(formula: Annotated[str, typer.Option(help="e.g. 'base * 1.2 + fee'")], base: float = 100.0, fee: float = 12.5) -> None:
    result = eval(formula, {"base": base, "fee": fee})  #@vuln CWE-95|CWE-94
    typer.echo(f"{result:.2f}")


@app.command("cache-inspect")
def cache_inspect(cache_file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    with cache_file.open("rb") as fh:
        data = pickle.load(fh)  #@vuln CWE-502
    for key, value in sorted(data.items()):
        typer.echo(f"{key}: {value!r}")


@users_app.command("adjusters")
def adjusters(region: str) -> None:
    for entry in users.find_adjusters(load(), region):
        typer.echo(f"{entry['uid'][0]:<14} {entry.get('mail', ['-'])[0]}")


@users_app.command("reset-password")
def reset_password(uid: str, legacy: bool = typer.Option(False, help="write hash for the old portal")) -> None:
    cfg = load()
    if users.find_user(cfg, uid) is None:
        typer.secho(f"no such user {uid}", fg=typer.colors.RED)
        raise typer.Exit(1)
    temp = users.temporary_password()
    hashed = users.legacy_password_hash(temp) if legacy else users.password_hash(temp)
    with psycopg2.connect(host=cfg.pg_host, user=cfg.pg_user, password=cfg.pg_password, dbname=cfg.pg_database) as conn:
        with conn.cursor() as cur:
            cur.execute("UPDATE portal_users SET password_hash = %s, must_change = true WHERE uid = %s", (hashed, uid))  #@safe
    typer.echo(f"temporary password for {uid}: {temp}")


if __name__ == "__main__":
    app()
