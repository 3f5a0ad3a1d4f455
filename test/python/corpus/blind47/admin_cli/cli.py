"""acme-admin: operations CLI for finance and SRE (installed as a console script)."""
import csv
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import typer
import yaml
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from common.config import LDAP_BASE_DN, LDAP_BIND_DN, LDAP_BIND_PASSWORD, LDAP_URL, get_settings
from common.crypto_utils import generate_reset_token, hash_admin_password
from ledger import repository
from ledger.models import SessionLocal

app = typer.Typer(help="Acme payments admin tool")
ledger_app = typer.Typer(help="Ledger maintenance")
staff_app = typer.Typer(help="Staff directory / access")
app.add_typer(ledger_app, name="ledger")
app.add_typer(staff_app, name="staff")

REPLICA_URL = "postgresql://report_ro:Rp0rt1ng-2023!@db-replica.acme-fin.internal:5432/payments"  #@vuln CWE-798
ReplicaSession = sessionmaker(bind=create_engine(REPLICA_URL, pool_pre_ping=True))


def _ldap() -> Connection:
    return Connection(Server(LDAP_URL, get_info=ALL), LDAP_BIND_DN, LDAP_BIND_PASSWORD, auto_bind=True)


@ledger_app.command("export")
def export(table: str, filter: list[str] = typer.Option([], help="column=value, repeatable"), out: Path = typer.Option(Path("export.csv"))):
    filters = dict(f.split("=", 1) for f in filter)
    with ReplicaSession() as s:
        rows = list(repository.export_rows(s, table, filters))
    with out.open("w", newline="") as fh:
        if rows:
            w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
    typer.echo(f"wrote {len(rows)} rows to {out}")


@ledger_app.command("backup")
def backup(db_name: str = typer.Option("payments"), out_dir: str = typer.Option("/var/backups/ledger")):
    cmd = f"pg_dump --format=custom {db_name} > {out_dir}/{db_name}-{date.today():%Y%m%d}.dump"
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
    typer.echo("backup done")


@ledger_app.command("vacuum")
def vacuum():
    subprocess.run(["psql", get_settings().database_url, "-c", "VACUUM ANALYZE postings"], check=True)  #@safe


@ledger_app.command("restore-state")
def restore_state(snapshot: Path):
    """Restore a reconciliation snapshot saved by `reconcile --save-state`."""
    with snapshot.open("rb") as fh:
        state = pickle.load(fh)  #@vuln CWE-502
    typer.echo(f"restored {len(state.get('matched', []))} matches from {state.get('day')}")


@ledger_app.command("load-fixtures")
def load_fixtures(path: Path):
    data = yaml.safe_load(path.read_text())  #@safe
    with SessionLocal() as s:
        for acc in data.get("accounts", []):
            s.execute(text("INSERT INTO accounts (code, name, kind, currency) VALUES (:code, :name, :kind, :currency) ON CONFLICT (code) DO NOTHING"), acc)
        s.commit()


@ledger_app.command("import-legacy")
def import_legacy(config: Path):
    """Import chart of accounts from the old Ruby system's YAML dump."""
    cfg = yaml.load(config.read_text(), Loader=yaml.Loader)  #@vuln CWE-502
    with SessionLocal() as s:
        for entry in cfg["entries"]:
            repository.post_entry(s, entry["reference"], entry.get("memo", ""), [(l["account"], int(l["amount"])) for l in entry["lines"]])
        s.commit()


@app.command("simulate-fee")
def simulate_fee(rule: str = typer.Argument(..., help="e.g. 'max(25, amount * 0.014 + 25)'"), amount: float = 10000):
    fee = eval(rule, {"min": min, "max": max, "round": round}, {"amount": amount})  #@vuln CWE-95
    typer.echo(f"fee for {amount:.0f} cents: {fee:.2f}")


@staff_app.command("lookup")
def lookup(name: str):
    conn = _ldap()
    conn.search(LDAP_BASE_DN, f"(&(objectClass=person)(|(uid={name})(cn={name}*)))", attributes=["cn", "mail", "memberOf"])  #@vuln CWE-90
    for e in conn.entries:
        typer.echo(f"{e.cn}\t{e.mail}\t{', '.join(e.memberOf.values) if e.memberOf else '-'}")


@staff_app.command("grant")
def grant(uid: str, role: str = typer.Option(..., help="finance|compliance|support")):
    if role not in {"finance", "compliance", "support"}:
        typer.echo("unknown role", err=True)
        raise typer.Exit(2)
    conn = _ldap()
    conn.search(LDAP_BASE_DN, f"(&(objectClass=person)(uid={escape_filter_chars(uid)}))", attributes=["mail"])  #@safe
    if not conn.entries:
        raise typer.Exit(1)
    with SessionLocal() as s:
        s.execute(text("INSERT INTO staff_roles (email, role) VALUES (:email, :role) ON CONFLICT DO NOTHING"), {"email": str(conn.entries[0].mail), "role": role})
        s.commit()


@app.command("create-admin")
def create_admin(email: str, password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True)):
    with SessionLocal() as s:
        s.execute(text("INSERT INTO admin_users (email, password_hash) VALUES (:e, :h)"), {"e": email, "h": hash_admin_password(password)})
        s.commit()
    typer.echo(f"admin {email} created")


@app.command("reset-link")
def reset_link(email: str):
    token = generate_reset_token()
    with SessionLocal() as s:
        s.execute(text("UPDATE merchants SET reset_token = :t, reset_expires = now() + interval '1 hour' WHERE email = :e"), {"t": token, "e": email})
        s.commit()
    typer.echo(f"{get_settings().public_base_url}/reset?token={token}")


if __name__ == "__main__":
    sys.exit(app())
