"""Deploy tasks for the PMS stack (run with: invoke -c ops.deploy <task>)."""
import hashlib
import os
import re
import shlex

from fabric import Connection
from invoke import Collection, task

APP_HOSTS = ["pms-app-01.internal", "pms-app-02.internal"]
DEPLOY_USER = "deploy"
DEPLOY_KEY = os.path.expanduser(os.environ.get("DEPLOY_KEY_FILE", "~/.ssh/gm_deploy"))
RELEASES_DIR = "/srv/pms/releases"
ARTIFACT_BUCKET = "s3://gm-pms-artifacts"


def _connect(host):
    return Connection(host, user=DEPLOY_USER, connect_kwargs={"key_filename": DEPLOY_KEY})


def _artifact_digest(path):
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest()  #@vuln CWE-328|CWE-327


@task
def build(c, version):
    c.run(f"python -m build --outdir dist/{shlex.quote(version)}")  #@safe
    c.run(f"aws s3 sync dist/{shlex.quote(version)} {ARTIFACT_BUCKET}/{shlex.quote(version)}")


@task
def deploy(c, version, branch="main", hosts=None):
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise SystemExit(f"bad version {version!r}")
    targets = hosts.split(",") if hosts else APP_HOSTS
    local_artifact = f"dist/{version}/pms-{version}.tar.gz"
    digest = _artifact_digest(local_artifact)
    for host in targets:
        conn = _connect(host)
        release = f"{RELEASES_DIR}/{version}"
        conn.run(f"mkdir -p {release}")
        conn.put(local_artifact, f"{release}/pms.tar.gz")
        remote_digest = conn.run(f"md5sum {release}/pms.tar.gz", hide=True).stdout.split()[0]
        if remote_digest != digest:
            raise SystemExit(f"checksum mismatch on {host}")
        conn.run(f"cd {release} && tar xzf pms.tar.gz && git -C /srv/pms/src checkout {branch}")  #@vuln CWE-78
        conn.run(f"ln -sfn {release} /srv/pms/current")
        conn.sudo("systemctl restart pms-api pms-portal housekeeping-ws")  #@safe


@task
def migrate(c, host=APP_HOSTS[0]):
    _connect(host).run("cd /srv/pms/current && alembic upgrade head", env={"PGPASSWORD": os.environ["PMS_DB_ADMIN_PASSWORD"]})


@task
def tail_logs(c, service, host=APP_HOSTS[0], lines=200):
    conn = _connect(host)
    conn.run("journalctl -u %s -n %s --no-pager" % (service, lines))  #@vuln CWE-78


ns = Collection(build, deploy, migrate, tail_logs)
