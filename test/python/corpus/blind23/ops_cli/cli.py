"""billing-admin: operational CLI for the billing platform.

Usage: billing-admin [--env production] COMMAND ...
"""
import ast
import hashlib
import json
import os
import pickle
import random
import string
import subprocess
import tarfile

import click
import requests
from sqlalchemy import text

from billing_portal import create_app, db
from common.crypto import api_token_digest, generate_api_key, hash_password_v2
from common.files import extract_tarball

UPLOAD_ROOT = "/srv/billing/uploads"


@click.group()
@click.option("--env", default="production", show_default=True)
@click.pass_context
def cli(ctx, env):
    app = create_app(env)
    ctx.obj = app
    app_ctx = app.app_context()
    app_ctx.push()
    ctx.call_on_close(app_ctx.pop)


@cli.command("create-admin")
@click.argument("email")
@click.option("--tenant", type=int, required=True)
def create_admin(email, tenant):
    password = "".join(random.choices(string.ascii_letters + string.digits, k=12))  #@vuln CWE-338|CWE-330
    db.session.execute(text("INSERT INTO users (username, email, password_hash, tenant_id, role) VALUES (:e, :e, :p, :t, 'admin')"), {"e": email, "p": hash_password_v2(password), "t": tenant})
    db.session.commit()
    click.echo(f"created {email} with temporary password {password}")


@cli.command("set-service-password")
@click.argument("service_name")
@click.password_option()
def set_service_password(service_name, password):
    digest = hashlib.sha256(password.encode()).hexdigest()  #@vuln CWE-916|CWE-328
    db.session.execute(text("UPDATE service_accounts SET password_hash = :h WHERE name = :n"), {"h": digest, "n": service_name})
    db.session.commit()


@cli.command("issue-api-token")
@click.argument("tenant", type=int)
@click.option("--label", default="ops")
def issue_api_token(tenant, label):
    token = generate_api_key()
    db.session.execute(text("INSERT INTO api_tokens (tenant_id, label, token_hash) VALUES (:t, :l, :h)"), {"t": tenant, "l": label, "h": api_token_digest(token)})
    db.session.commit()
    click.echo(token)


@cli.command("find-users")
@click.option("--email-like", required=True, help="e.g. '%@acme.com'")
@click.option("--tenant", type=int)
def find_users(email_like, tenant):
    where = f"email LIKE '{email_like}'"
    if tenant:
        where += f" AND tenant_id = {tenant}"
    for row in db.session.execute(text(f"SELECT id, email, role FROM users WHERE {where}")):  #@vuln CWE-89
        click.echo(f"{row.id}\t{row.email}\t{row.role}")


@cli.command("backup")
@click.option("--dest", required=True, help="destination file or s3 path")
def backup(dest):
    os.system(f"pg_dump \"$DATABASE_URL\" | gzip > {dest}")  #@vuln CWE-78
    click.echo(f"backup written to {dest}")


@cli.command("tail-log")
@click.argument("service", type=click.Choice(["billing", "catalog", "worker", "beat"]))
@click.option("-n", "lines", type=int, default=200)
def tail_log(service, lines):
    subprocess.run(f"journalctl -u billing-{service} -n {lines} --no-pager", shell=True, check=False)  #@safe


@cli.command("grep-log")
@click.argument("pattern")
def grep_log(pattern):
    out = subprocess.check_output(f"grep -E '{pattern}' /var/log/billing/app.log | tail -n 100", shell=True, text=True)  #@vuln CWE-78
    click.echo(out)


@cli.command("restore-uploads")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def restore_uploads(archive):
    with tarfile.open(archive) as tf:
        tf.extractall(UPLOAD_ROOT)  #@vuln CWE-22
    click.echo("uploads restored")


@cli.command("restore-templates")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def restore_templates(archive):
    extract_tarball(archive, "/srv/billing/templates")
    click.echo("templates restored")


@cli.command("load-fixtures")
@click.argument("path", type=click.Path(exists=True))
def load_fixtures(path):
    if path.endswith(".json"):
        with open(path) as fh:
            data = json.load(fh)
    else:
        with open(path, "rb") as fh:
            data = pickle.load(fh)  #@vuln CWE-502
    click.echo(f"loaded {len(data)} fixture rows")


@cli.command("set-config")
@click.argument("tenant", type=int)
@click.argument("key")
@click.argument("value")
@click.option("--expr", is_flag=True, help="evaluate VALUE as a Python expression")
def set_config(tenant, key, value, expr):
    parsed = eval(value) if expr else ast.literal_eval(value)  #@vuln CWE-95
    db.session.execute(text("UPDATE tenant_settings SET settings = jsonb_set(settings, :path, CAST(:val AS jsonb)) WHERE tenant_id = :t"), {"path": "{" + key + "}", "val": json.dumps(parsed), "t": tenant})
    db.session.commit()


HEALTH_URLS = {
    "billing": "https://billing.example.com/healthz",
    "catalog": "https://catalog.internal.example.com/health",
    "ledger": "https://ledger.internal.example.com/api/health",
}


@cli.command("ping")
@click.argument("service", type=click.Choice(sorted(HEALTH_URLS)))
def ping(service):
    resp = requests.get(HEALTH_URLS[service], timeout=10, verify=os.environ.get("REQUESTS_CA_BUNDLE", True))  #@safe
    click.echo(f"{service}: {resp.status_code} in {resp.elapsed.total_seconds():.2f}s")


if __name__ == "__main__":
    cli()
