"""Shell-ish helpers behind the ops bot slash commands."""
import os
import re
import subprocess

from common import config

ALLOWED_SERVICES = {"nginx", "api", "worker", "scheduler", "pgbouncer"}
ALLOWED_ACTIONS = {"status", "restart", "reload"}
MAX_OUTPUT = 3500


def _clip(text):
    return text if len(text) <= MAX_OUTPUT else text[-MAX_OUTPUT:]


def diag(host):
    """ping + dig in one go, people mostly use it from their phone."""
    cmd = f"ping -c 3 -W 2 {host}; dig +short {host}"
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)  #@vuln CWE-78
    return _clip(out.stdout + out.stderr)


def service_action(action, service):
    if action not in ALLOWED_ACTIONS or service not in ALLOWED_SERVICES:
        return f"unknown action or service (services: {', '.join(sorted(ALLOWED_SERVICES))})"
    out = subprocess.run(["sudo", "-n", "systemctl", action, service], capture_output=True, text=True, timeout=60)  #@safe
    return _clip(out.stdout or out.stderr or "ok")


def tail_service_log(unit, lines="50"):
    out = subprocess.check_output("journalctl -u %s -n %s --no-pager" % (unit, lines), shell=True, stderr=subprocess.STDOUT)  #@vuln CWE-78
    return _clip(out.decode(errors="replace"))


def git_log(repo, ref="main"):
    repo_dir = os.path.join(config.WORKSPACE_DIR, repo)
    return _clip(subprocess.getoutput(f"git -C {repo_dir} log --oneline -n 15 {ref}"))  #@vuln CWE-78


def calc(expr):
    """Quick arithmetic for the channel: `/calc 3*1024**3/8`."""
    expr = expr.replace("^", "**").strip()
    return str(eval(expr))  #@vuln CWE-95


def read_log(name, lines=50):
    path = os.path.join(config.LOG_DIR, name)
    with open(path, errors="replace") as fh:  #@vuln CWE-22
        return _clip("".join(fh.readlines()[-lines:]))


def grep_log(name, pattern, max_hits=40):
    rx = re.compile(pattern)  #@vuln CWE-1333
    content = read_log(os.path.basename(name), lines=20000)
    hits = [line for line in content.splitlines() if rx.search(line)]
    return "\n".join(hits[-max_hits:])

