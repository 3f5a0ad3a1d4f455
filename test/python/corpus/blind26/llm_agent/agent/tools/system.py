"""Host tools exposed to the ops assistant (shell + workspace files).

Arguments arrive as JSON from the model's tool call, i.e. they are whatever
the conversation steered the model into producing.
"""
import os
import shlex
import subprocess

WORKSPACE = os.environ.get("AGENT_WORKSPACE", "/srv/agent/workspace")
LOG_ROOT = "/var/log/services"

DIAGNOSTICS = {
    "disk": ["df", "-h"],
    "uptime": ["uptime"],
    "gpu": ["nvidia-smi", "--query-gpu=name,utilization.gpu,memory.used", "--format=csv"],
    "pods": ["kubectl", "get", "pods", "-n", "ml-serving", "-o", "wide"],
}
KNOWN_SERVICES = {"inference", "feature-store", "airflow-scheduler", "mlflow"}


def run_diagnostic(name: str) -> str:
    cmd = DIAGNOSTICS.get(name)
    if cmd is None:
        return f"unknown diagnostic {name!r}; choose one of {sorted(DIAGNOSTICS)}"
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=20)  #@safe
    return proc.stdout[-4000:]


def run_shell(command: str, cwd: str = WORKSPACE) -> str:
    proc = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=120)  #@vuln CWE-78
    return (proc.stdout + proc.stderr)[-8000:]


def grep_logs(service: str, pattern: str, lines: int = 200) -> str:
    cmd = f"grep -E '{pattern}' {LOG_ROOT}/{service}/*.log | tail -n {int(lines)}"
    return subprocess.check_output(cmd, shell=True, text=True, timeout=30)  #@vuln CWE-78


def tail_service_log(service: str, lines: int = 100) -> str:
    if service not in KNOWN_SERVICES:
        return f"unknown service {service!r}"
    cmd = f"tail -n {int(lines)} {shlex.quote(os.path.join(LOG_ROOT, service, 'current.log'))}"
    return subprocess.check_output(cmd, shell=True, text=True, timeout=30)  #@safe


def git_history(repo: str, max_count: int = 20) -> str:
    out = os.popen(f"git -C {WORKSPACE}/{repo} log --oneline -n {int(max_count)}")  #@vuln CWE-78
    return out.read()


def read_workspace_file(path: str) -> str:
    full = os.path.join(WORKSPACE, path)
    with open(full, encoding="utf-8", errors="replace") as fh:  #@vuln CWE-22
        return fh.read(20000)


def write_workspace_file(path: str, content: str) -> str:
    base = os.path.realpath(WORKSPACE)
    full = os.path.realpath(os.path.join(base, path))
    if os.path.commonpath([base, full]) != base:
        return "refusing to write outside the workspace"
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as fh:  #@safe
        fh.write(content)
    return f"wrote {len(content)} chars to {path}"
