"""Deploy / release / PR bookkeeping driven by GitHub webhooks."""
import logging
import os
import re
import subprocess

import requests

from common import config, db

log = logging.getLogger(__name__)

DEPLOY_BRANCHES = {"main": "production", "staging": "staging"}
ROLLBACK_SERVICES = {"api", "worker", "web", "scheduler"}
VERSION_RE = re.compile(r"v\d{1,3}\.\d{1,3}\.\d{1,3}")
SCRIPTS_DIR = "/srv/deploy/scripts"


def _workdir(repo):
    return os.path.join(config.WORKSPACE_DIR, repo["name"])


def notify(text):
    requests.post(config.SLACK_DEPLOY_WEBHOOK, json={"text": text}, timeout=5)  #@safe


def handle_push(payload):
    ref = payload.get("ref", "")
    if not ref.startswith("refs/heads/") or payload.get("deleted"):
        return
    branch = ref[len("refs/heads/"):]
    repo = payload["repository"]
    workdir = _workdir(repo)
    if not os.path.isdir(workdir):
        subprocess.run(["git", "clone", "--quiet", "--", repo["clone_url"], workdir], check=True, timeout=300)  #@safe
    env = DEPLOY_BRANCHES.get(branch, "preview")
    log.info("deploying %s@%s to %s", repo["full_name"], branch, env)
    subprocess.Popen(f"cd {workdir} && git fetch --quiet origin {branch} && git checkout -qf FETCH_HEAD && make deploy ENV={env}", shell=True)  #@vuln CWE-78
    notify(f"Deploying {repo['full_name']}@{branch} to {env} (pushed by {payload['pusher']['name']})")


def build_release(payload):
    tag = payload["release"]["tag_name"]
    repo = payload["repository"]
    workdir = _workdir(repo)
    rc = os.system(f"docker build -q -t registry.internal/{repo['name']}:{tag} {workdir}")  #@vuln CWE-78
    notify(f"Release image {repo['name']}:{tag} {'built' if rc == 0 else 'FAILED'}")


def record_pr(payload):
    pr = payload["pull_request"]
    conn = db.sqlite_connect()
    conn.execute(f"INSERT OR REPLACE INTO pull_requests (number, title, author, state) VALUES ({pr['number']}, '{pr['title']}', '{pr['user']['login']}', '{pr['state']}')")  #@vuln CWE-89
    conn.commit()


def rollback(service, version, actor):
    if service not in ROLLBACK_SERVICES or not VERSION_RE.fullmatch(version):
        raise ValueError(f"bad rollback request: {service} {version}")
    db.record_audit(actor, "rollback", f"{service} {version}")
    subprocess.run(f"./rollback.sh {service} {version}", shell=True, cwd=SCRIPTS_DIR, check=True, timeout=600)  #@safe
    notify(f"{actor} rolled back {service} to {version}")
