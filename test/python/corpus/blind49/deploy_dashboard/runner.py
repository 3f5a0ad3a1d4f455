"""Runs ansible-playbook / terraform for the dashboard and talks SSH to hosts."""
import logging
import os
import re
import shlex
import subprocess
import tempfile

import paramiko

from platform_common import config, shell

log = logging.getLogger(__name__)

WORKSPACE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")


def run_playbook(service, env, version, extra_vars=""):
    """Kick off the service playbook; extra_vars is the free-text box on the form."""
    inventory = config.INVENTORY_DIR / f"{env}.yml"
    cmd = f"ansible-playbook -i {inventory} playbooks/{service}.yml -e version={version} {extra_vars} 2>&1 | tee -a {config.LOG_ROOT}/{service}-{env}.log"
    return shell.run_shell(cmd, cwd=config.PLAYBOOK_DIR)


def check_playbook(service, env):
    if service not in config.SERVICES or env not in config.ENVIRONMENTS:
        raise ValueError("unknown service/env")
    return shell.run(["ansible-playbook", "--check", "--diff", "-i", str(config.INVENTORY_DIR / f"{env}.yml"), f"playbooks/{service}.yml"], cwd=config.PLAYBOOK_DIR)


def terraform_plan(workspace, var_file):
    plan_path = tempfile.mktemp(prefix="tfplan-", suffix=".out")  #@vuln CWE-377
    os.system(f"cd {config.TERRAFORM_ROOT} && terraform workspace select {workspace} && terraform plan -input=false -var-file={var_file} -out={plan_path}")  #@vuln CWE-78
    return plan_path


def terraform_apply(workspace, plan_path):
    if not WORKSPACE_RE.fullmatch(workspace):
        raise ValueError(f"bad workspace {workspace!r}")
    subprocess.run(["terraform", "workspace", "select", workspace], cwd=config.TERRAFORM_ROOT, check=True)  #@safe
    return shell.run(["terraform", "apply", "-input=false", "-auto-approve", plan_path], cwd=config.TERRAFORM_ROOT)


def _ssh(host):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username=config.SSH_USER, key_filename=config.SSH_KEY_PATH, timeout=10)
    return client


def remote_tail(host, path, lines):
    client = _ssh(host)
    try:
        _, stdout, stderr = client.exec_command(f"tail -n {lines} {path}")  #@vuln CWE-78
        return stdout.read().decode(errors="replace") + stderr.read().decode(errors="replace")
    finally:
        client.close()


def remote_disk_usage(host, mount):
    client = _ssh(host)
    try:
        _, stdout, _ = client.exec_command(f"df -hP {shlex.quote(mount)}")  #@safe
        return stdout.read().decode()
    finally:
        client.close()


def remote_restart(host, service):
    client = _ssh(host)
    try:
        _, stdout, stderr = client.exec_command("sudo systemctl restart " + service)  #@vuln CWE-78
        return stdout.channel.recv_exit_status()
    finally:
        client.close()
