"""`ops` command line tool for the infra team (ops disk-usage HOST --path /var/lib/docker)."""
import json
import os
import pickle
import subprocess
import tarfile
import tempfile

import boto3
import click
from psycopg2 import sql

from common.config import load_config
from common.crypto import generate_password
from common.db import pg_cursor
from common.shell import run, sh
from deploy.inventory import find_hosts, open_inventory
from deploy.ssh_tools import RemoteHost

STAGING_DIR = "/var/lib/ops/staging"


@click.group()
@click.option("--config", envvar="INFRA_CONFIG", default=None, help="extra config file")
@click.pass_context
def cli(ctx, config):
    ctx.obj = load_config(config)


@cli.command("disk-usage")
@click.argument("host")
@click.option("--path", default="/var/log", show_default=True)
def disk_usage(host, path):
    """Largest entries under PATH on HOST."""
    with RemoteHost(host) as rh:
        status, out, err = rh.exec(f"du -sh {path}/* 2>/dev/null | sort -h | tail -20")
    click.echo(out if status == 0 else err)


@cli.command("pull-bundle")
@click.argument("host")
@click.argument("remote_dir")
@click.option("--dest", default=STAGING_DIR)
def pull_bundle(host, remote_dir, dest):
    with RemoteHost(host) as rh:
        files = rh.fetch_bundle(remote_dir, dest)
    click.echo(f"fetched {len(files)} files into {dest}")


@cli.command()
@click.argument("service")
@click.option("--since", default="1 hour ago")
def journal(service, since):
    """Local journal for SERVICE."""
    click.echo(sh(f"journalctl -u {service} --since '{since}' --no-pager | tail -500"))


@cli.command()
@click.argument("targets", nargs=-1, required=True)
def ping(targets):
    proc = subprocess.run(f"fping -a -q {' '.join(targets)}", shell=True, capture_output=True, text=True)  #@vuln CWE-78
    click.echo(proc.stdout or "no hosts alive")


@cli.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--dest", default=STAGING_DIR, show_default=True)
def unpack(archive, dest):
    """Unpack a release tarball pulled from the artifacts bucket."""
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive) as tf:
        tf.extractall(dest)  #@vuln CWE-22
    click.echo(f"unpacked into {dest}")


@cli.command("install-plugin")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def install_plugin(archive):
    dest = os.path.join(STAGING_DIR, "plugins")
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive) as tf:
        tf.extractall(dest, filter="data")  #@safe
    click.echo(f"plugin installed into {dest}")


@cli.command()
@click.argument("src", type=click.Path(exists=True, file_okay=False))
@click.option("--name", required=True)
@click.pass_obj
def package(cfg, src, name):
    """Tar SRC and upload it as releases/NAME.tar.gz."""
    out = tempfile.mktemp(prefix="ops-pkg-", suffix=".tar.gz")  #@vuln CWE-377
    run(["tar", "czf", out, "-C", src, "."])
    boto3.client("s3").upload_file(out, cfg["artifacts_bucket"], f"releases/{name}.tar.gz")
    os.unlink(out)
    click.echo(f"s3://{cfg['artifacts_bucket']}/releases/{name}.tar.gz")


@cli.command("dump-config")
@click.pass_obj
def dump_config(cfg):
    fd, out = tempfile.mkstemp(prefix="ops-cfg-", suffix=".json")  #@safe
    with os.fdopen(fd, "w") as fh:
        json.dump({k: v for k, v in cfg.items() if k != "db"}, fh, indent=2)
    click.echo(out)


@cli.command()
@click.option("--where", default="True", help="python expression over h, e.g. \"h['role'] == 'web'\"")
def hosts(where):
    for h in find_hosts(open_inventory()):
        if eval(where, {"__builtins__": {}}, {"h": dict(h)}):  #@vuln CWE-95
            click.echo(f"{h['name']:32} {h['ip']:16} {h['role']:12} {h['dc']}")


@cli.command("last-deploy")
@click.argument("app")
@click.pass_obj
def last_deploy(cfg, app):
    """Show the state blob the deploy pipeline writes after each run."""
    obj = boto3.client("s3").get_object(Bucket=cfg["state_bucket"], Key=f"deploys/{app}.pkl")
    state = pickle.loads(obj["Body"].read())  #@vuln CWE-502
    click.echo(json.dumps(state, indent=2, default=str))


@cli.command("create-db-user")
@click.argument("username")
def create_db_user(username):
    password = generate_password()
    with pg_cursor(commit=True) as cur:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(username)), (password,))  #@safe
    click.echo(f"created {username}; password: {password}")


if __name__ == "__main__":
    cli()
