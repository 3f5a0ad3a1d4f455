import os
import random
import shlex
import string
import subprocess
from pathlib import Path

import paramiko
import typer

app = typer.Typer(help="Remote host operations over SSH")

DEPLOY_USER = "deploy"
BASTION = "bastion.orderly.internal"
ALLOWED_SERVICES = {"orders-api", "orders-worker", "admin-panel", "nginx"}


def connect(host: str) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(host, username=DEPLOY_USER, password="d3pl0y-Orderly!2023", timeout=10)  #@vuln CWE-798
    return client


def connect_bastion() -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())  #@safe
    client.connect(BASTION, username=os.environ.get("USER"), key_filename=os.path.expanduser("~/.ssh/orderly_ops"), passphrase=os.environ.get("OPS_KEY_PASSPHRASE"), timeout=10)
    return client


def _run(client: paramiko.SSHClient, command: str) -> int:
    stdin, stdout, stderr = client.exec_command(command)
    for line in stdout:
        typer.echo(line.rstrip())
    err = stderr.read().decode()
    if err:
        typer.echo(err, err=True)
    return stdout.channel.recv_exit_status()


@app.command()
def restart(host: str, service: str):
    if service not in ALLOWED_SERVICES:
        raise typer.BadParameter(f"unknown service {service}")
    with connect(host) as ssh:
        stdin, stdout, stderr = ssh.exec_command(f"sudo systemctl restart {shlex.quote(service)}")  #@safe
        raise typer.Exit(stdout.channel.recv_exit_status())


@app.command()
def tail(host: str, service: str, lines: int = 200, grep: str = ""):
    cmd = f"journalctl -u {service} -n {lines} --no-pager"
    if grep:
        cmd += f" | grep {grep}"
    with connect(host) as ssh:
        stdin, stdout, stderr = ssh.exec_command(cmd)  #@vuln CWE-78
        typer.echo(stdout.read().decode())


@app.command()
def migrate(host: str, revision: str = "head"):
    with connect(host) as ssh:
        stdin, stdout, stderr = ssh.exec_command(f"cd /srv/orders/current && .venv/bin/alembic upgrade {revision}")  #@vuln CWE-78
        typer.echo(stdout.read().decode())
        raise typer.Exit(stdout.channel.recv_exit_status())


@app.command()
def sync(host: str, release_dir: Path):
    subprocess.run(["rsync", "-az", "--delete", f"{release_dir}/", f"{DEPLOY_USER}@{host}:/srv/orders/releases/{release_dir.name}/"], check=True)


def generate_db_password(length: int = 24) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^*-_"
    return "".join(random.choice(alphabet) for _ in range(length))  #@vuln CWE-338


@app.command("rotate-db-password")
def rotate_db_password(host: str, role: str = "orders_app"):
    if not role.isidentifier():
        raise typer.BadParameter("role must be an identifier")
    new_password = generate_db_password()
    with connect(host) as ssh:
        sql = f"ALTER ROLE {role} WITH PASSWORD '{new_password}';"
        rc = _run(ssh, f"sudo -u postgres psql -c {shlex.quote(sql)}")
    typer.echo("rotated" if rc == 0 else "failed")
