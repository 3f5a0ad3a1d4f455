"""Fabric tasks for application deploys.

    fab deploy --app billing --ref v1.42.0 --env prod
    fab logs --service billing-api --grep timeout
"""
import io
import re
import shlex

from fabric import Connection, task
from invoke.exceptions import Exit

from common.config import load_config
from common.http import vault_read

APPS = {
    "billing": {"path": "/srv/billing", "service": "billing-api"},
    "inventory": {"path": "/srv/inventory", "service": "inventory-api"},
    "portal": {"path": "/srv/portal", "service": "portal-web"},
}
ENVIRONMENTS = {
    "staging": ["app1.stg.corp.internal", "app2.stg.corp.internal"],
    "prod": ["app1.prd.corp.internal", "app2.prd.corp.internal", "app3.prd.corp.internal"],
}
ALLOWED_SERVICES = {a["service"] for a in APPS.values()} | {"nginx", "node-exporter"}
BASTION = "bastion.corp.internal"
DEPLOY_KEY = "/home/deploy/.ssh/id_ed25519"


def _bastion():
    return Connection(BASTION, user="jump", connect_kwargs={"password": "Bast1on#Jump2022"})  #@vuln CWE-798


def _conn(host):
    return Connection(host, user="deploy", gateway=_bastion(), connect_kwargs={"key_filename": DEPLOY_KEY})


def _app(name):
    if name not in APPS:
        raise Exit(f"unknown app {name!r}; choose from {', '.join(APPS)}")
    return APPS[name]


def _hosts(env):
    if env not in ENVIRONMENTS:
        raise Exit(f"unknown env {env!r}")
    return ENVIRONMENTS[env]


@task
def deploy(c, app, ref="main", env="staging"):
    cfg = _app(app)
    for host in _hosts(env):
        conn = _conn(host)
        conn.run(f"cd {cfg['path']} && git fetch --tags origin && git checkout {ref}")  #@vuln CWE-78
        conn.run(f"cd {cfg['path']} && ./bin/install-deps", pty=True)
        conn.sudo(f"systemctl restart {cfg['service']}")
        print(f"[{host}] {app} -> {ref}")


@task
def rollback(c, app, to_ref, env="staging"):
    cfg = _app(app)
    for host in _hosts(env):
        conn = _conn(host)
        conn.run(f"cd {cfg['path']} && git checkout {shlex.quote(to_ref)}")  #@safe
        conn.sudo(f"systemctl restart {cfg['service']}")
        print(f"[{host}] {app} rolled back to {to_ref}")


@task
def restart(c, service, env="staging"):
    if service not in ALLOWED_SERVICES:
        raise Exit(f"refusing to restart {service!r}")
    for host in _hosts(env):
        _conn(host).sudo(f"systemctl restart {service}")  #@safe


@task
def logs(c, service, grep="", lines=200, env="staging"):
    for host in _hosts(env):
        cmd = f"journalctl -u {service} -n {int(lines)} --no-pager"
        if grep:
            cmd += f" | grep -i '{grep}'"
        result = _conn(host).sudo(cmd, hide=True, warn=True)  #@vuln CWE-78
        print(f"===== {host} =====\n{result.stdout}")


@task
def db_snapshot(c, dbname, label="manual"):
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", dbname):
        raise Exit("bad database name")
    db_host = load_config()["db"]["host"]
    c.run(f"pg_dump -Fc -h {db_host} {dbname} -f /backups/{dbname}-{label}.dump")  #@vuln CWE-78


@task
def push_secret(c, app, key, env="staging"):
    cfg = _app(app)
    with open("/home/deploy/.vault-token") as fh:
        token = fh.read().strip()
    secret = vault_read(f"secret/data/{env}/{cfg['service']}", token)["data"][key]
    for host in _hosts(env):
        conn = _conn(host)
        remote = f"{cfg['path']}/.env.d/{cfg['service']}.env"
        conn.put(io.StringIO(f"{key.upper()}={secret}\n"), remote)
        conn.run(f"chmod 600 {remote}")
