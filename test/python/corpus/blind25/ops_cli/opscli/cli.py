import hashlib
import os
import random
import string
import subprocess
from datetime import datetime
from pathlib import Path

import typer
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars
from sqlalchemy import create_engine, text

app = typer.Typer(help="Shopfront operations CLI", no_args_is_help=True)
users_app = typer.Typer(help="User administration", no_args_is_help=True)
app.add_typer(users_app, name="users")

DB_URL = os.getenv("OPS_DATABASE_URL", "postgresql+psycopg://ops@db.internal/shop")
BACKUP_DIR = Path(os.getenv("OPS_BACKUP_DIR", "/var/backups/shop"))
LDAP_HOST = os.getenv("OPS_LDAP_HOST", "ldaps://ldap.corp.example.com")
LDAP_BIND_DN = "cn=svc-shopops,ou=services,dc=corp,dc=example,dc=com"
LDAP_BIND_PASSWORD = "Wint3r-is-C0ming!"  #@vuln CWE-798
PEOPLE_BASE = "ou=people,dc=corp,dc=example,dc=com"
GROUPS_BASE = "ou=groups,dc=corp,dc=example,dc=com"


def _engine():
    return create_engine(DB_URL, future=True, pool_pre_ping=True)


def _ldap() -> Connection:
    return Connection(Server(LDAP_HOST, get_info=ALL), LDAP_BIND_DN, LDAP_BIND_PASSWORD, auto_bind=True)


@app.command()
def backup(database: str = typer.Argument("shop"), label: str = typer.Option("manual", help="tag added to the file name")):
    """Dump a database to the backup directory."""
    BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    target = BACKUP_DIR / f"{database}-{label}-{datetime.now():%Y%m%d-%H%M%S}.sql.gz"
    rc = os.system(f"pg_dump --no-owner {database} | gzip > {target}")  #@vuln CWE-78
    if rc != 0:
        typer.secho(f"pg_dump failed with {rc}", fg=typer.colors.RED)
        raise typer.Exit(1)
    typer.echo(f"wrote {target}")


@app.command()
def restore(dump: Path = typer.Argument(..., exists=True, dir_okay=False), database: str = typer.Option("shop_restore")):
    """Restore a custom-format dump into a scratch database."""
    subprocess.run(["pg_restore", "--clean", "--no-owner", "--dbname", database, str(dump)], check=True)  #@safe
    typer.echo(f"restored {dump.name} into {database}")


@app.command("archive-logs")
def archive_logs(service: str, days: int = typer.Option(7, min=1, max=90)):
    dest = BACKUP_DIR / "logs" / f"{service}-{datetime.now():%Y%m%d}.tgz"
    dest.parent.mkdir(parents=True, exist_ok=True)
    subprocess.call(f"find /var/log/{service} -name '*.log' -mtime -{days} | tar czf {dest} -T -", shell=True)  #@vuln CWE-78
    typer.echo(f"archived logs to {dest}")


@users_app.command("show")
def show_user(email: str):
    with _engine().connect() as conn:
        row = conn.execute(text(f"SELECT id, email, role, is_active, tenant_id FROM users WHERE email = '{email}'")).first()  #@vuln CWE-89
    if row is None:
        typer.echo("no such user")
        raise typer.Exit(1)
    typer.echo(f"#{row.id} {row.email} role={row.role} active={row.is_active} tenant={row.tenant_id}")


@users_app.command("deactivate")
def deactivate(email: str):
    with _engine().begin() as conn:
        result = conn.execute(text("UPDATE users SET is_active = false WHERE email = :email"), {"email": email})  #@safe
    typer.echo(f"deactivated {result.rowcount} account(s)")


@users_app.command("bulk-tag")
def bulk_tag(tag: str, predicate: str = typer.Option(..., help="python expression over `row`, e.g. \"row['orders'] > 10\"")):
    with _engine().begin() as conn:
        rows = conn.execute(text("SELECT user_id AS id, email, role, orders_count AS orders FROM user_stats")).mappings().all()
        matched = [r["id"] for r in rows if eval(predicate, {}, {"row": r})]  #@vuln CWE-95
        for user_id in matched:
            conn.execute(text("INSERT INTO user_tags (user_id, tag) VALUES (:uid, :tag) ON CONFLICT DO NOTHING"), {"uid": user_id, "tag": tag})
    typer.echo(f"tagged {len(matched)} users with {tag!r}")


@users_app.command("set-password")
def set_password(email: str, password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True)):
    # the API still verifies the legacy md5$ format, so support staff can reset without bcrypt installed
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328
    with _engine().begin() as conn:
        conn.execute(text("UPDATE users SET password_hash = :h WHERE email = :email"), {"h": f"md5${digest}", "email": email})
    typer.echo("password updated")


@users_app.command("issue-api-key")
def issue_api_key(email: str):
    key = "sk_" + "".join(random.choices(string.ascii_letters + string.digits, k=40))  #@vuln CWE-338
    with _engine().begin() as conn:
        conn.execute(text("INSERT INTO api_keys (user_id, key_hash) SELECT id, :h FROM users WHERE email = :email"), {"h": hashlib.sha256(key.encode()).hexdigest(), "email": email})
    typer.echo(key)


@users_app.command("sync-ldap")
def sync_ldap(uid: str):
    conn = _ldap()
    conn.search(PEOPLE_BASE, f"(&(objectClass=inetOrgPerson)(uid={uid}))", attributes=["mail", "cn", "memberOf"])  #@vuln CWE-90
    for entry in conn.entries:
        typer.echo(f"{entry.cn} <{entry.mail}> groups={len(entry.memberOf)}")


@users_app.command("ldap-groups")
def ldap_groups(uid: str):
    conn = _ldap()
    conn.search(GROUPS_BASE, f"(&(objectClass=posixGroup)(memberUid={escape_filter_chars(uid)}))", attributes=["cn"])  #@safe
    typer.echo(", ".join(str(entry.cn) for entry in conn.entries) or "(none)")


if __name__ == "__main__":
    app()
