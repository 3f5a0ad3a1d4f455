"""opsctl — the platform team's operator CLI (pip install -e . ; opsctl --help)."""
import json
import logging
import os
import random
import string
import sys

import click

from platform_common import config, inventory, templating
from opsctl import backup, remote_tasks, vault

log = logging.getLogger("opsctl")


@click.group()
@click.option("-v", "--verbose", is_flag=True)
def cli(verbose):
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(levelname)s %(message)s")


@cli.command()
@click.option("-n", "--namespace", default=remote_tasks.NAMESPACE_DEFAULT)
@click.option("-l", "--selector", required=True)
@click.option("--since", default="1h")
def logs(namespace, selector, since):
    click.echo(remote_tasks.kubectl_logs(namespace, selector, since))


@cli.command()
@click.argument("release")
@click.argument("chart")
@click.option("-n", "--namespace", default=remote_tasks.NAMESPACE_DEFAULT)
@click.option("--set", "sets", multiple=True, help="key=value")
def helm(release, chart, namespace, sets):
    values = dict(s.split("=", 1) for s in sets)
    click.echo(remote_tasks.helm_upgrade(release, chart, namespace, values))


@cli.command("rotate-logs")
@click.argument("host")
@click.argument("service")
@click.option("--keep", type=int, default=14)
def rotate_logs(host, service, keep):
    remote_tasks.rotate_logs(host, service, keep)


@cli.command("push-config")
@click.argument("template")
@click.argument("values_file", type=click.Path(exists=True))
@click.option("--env", type=click.Choice(config.ENVIRONMENTS), default="staging")
@click.option("--group", required=True)
@click.option("--dest", required=True)
def push_config(template, values_file, env, group, dest):
    with open(values_file) as fh:
        values = inventory.parse_values(fh.read())
    local = f"/tmp/opsctl-{os.getpid()}.conf"  #@vuln CWE-377
    templating.write_config(template, values, local)
    for host in inventory.hosts_for(env, group):
        remote_tasks.push_config(host, local, dest)


@cli.group("backup")
def backup_group():
    pass


@backup_group.command("db")
@click.argument("db_name")
@click.option("--host", required=True)
def backup_db(db_name, host):
    path = backup.dump_database(db_name, host)
    click.echo(f"dump written to {path}")


@cli.command()
@click.argument("key")
@click.option("--dest", required=True, type=click.Path(file_okay=False))
@click.option("--strict/--no-strict", default=True)
def restore(key, dest, strict):
    archive = backup.download(key)
    if strict:
        backup.restore_checked(archive, dest)
    else:
        backup.restore(archive, dest)
    click.echo(f"restored {key} into {dest}")


@cli.command("restore-file")
@click.argument("archive", type=click.Path(exists=True))
@click.argument("member")
@click.option("--dest", default=".")
def restore_file(archive, member, dest):
    click.echo(backup.restore_single(archive, member, dest))


@cli.command("legacy-manifest")
@click.argument("path", type=click.Path(exists=True))
def legacy_manifest(path):
    click.echo(json.dumps(backup.read_legacy_manifest(path), indent=2, default=str))


@cli.command("run-job")
@click.argument("spec_file", type=click.File())
@click.option("--env", type=click.Choice(config.ENVIRONMENTS), default="staging")
def run_job(spec_file, env):
    spec = inventory.parse_job_spec(spec_file.read())
    facts = {"env": env, "hosts": sorted(inventory.all_hosts(env))}
    for step in spec.get("steps", []):
        if "if" in step and not eval(step["if"], {}, dict(facts)):  #@vuln CWE-95
            log.info("skipping %s", step.get("name"))
            continue
        if "rotate_logs" in step:
            for host in inventory.hosts_for(env, step["group"]):
                remote_tasks.rotate_logs(host, step["rotate_logs"], step.get("keep", 14))
        elif "restart" in step:
            click.echo(remote_tasks.restart_service(env, step["group"], step["restart"]))


@cli.group()
def secret():
    pass


@secret.command("get")
@click.argument("path")
@click.option("--dr", is_flag=True)
@click.option("--cache/--no-cache", default=False)
def secret_get(path, dr, cache):
    data = vault.read_kv(path, dr=dr)
    if cache:
        vault.cache_put(path, data)
    click.echo(json.dumps(data, indent=2))


@cli.command("new-db-user")
@click.argument("username")
def new_db_user(username):
    alphabet = string.ascii_letters + string.digits
    password = "".join(random.choices(alphabet, k=24))  #@vuln CWE-338|CWE-330
    click.echo(f"CREATE ROLE {username} LOGIN PASSWORD '{password}';")


@cli.command("k8s-scale")
@click.argument("deployment")
@click.argument("replicas", type=int)
@click.option("-n", "--namespace", default=remote_tasks.NAMESPACE_DEFAULT)
@click.option("--insecure", is_flag=True, help="skip TLS verify (lab clusters)")
def k8s_scale(deployment, replicas, namespace, insecure):
    _, apps = remote_tasks.load_kube(insecure=insecure)
    remote_tasks.scale(apps, namespace, deployment, replicas)
    click.echo(remote_tasks.kubectl_rollout_status(namespace, deployment))


if __name__ == "__main__":
    sys.exit(cli())
