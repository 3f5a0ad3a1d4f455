"""Business logic behind the dashboard routes."""
import csv
import os
import re
import shlex
import subprocess

from jinja2 import Environment, FileSystemLoader, select_autoescape

from common import config, fetch, fsutil

CHECKS = {
    "ping": "ping -c 3 -W 2 {target}",
    "http": "curl -sS -o /dev/null -m 10 -w '%{{http_code}}' {target}",
    "dns": "dig +short {target}",
    "port": "nc -z -w 3 {target}",
}

HOST_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$")

_templates = Environment(loader=FileSystemLoader(str(config.TEMPLATE_DIR)), autoescape=select_autoescape(["html", "xml"]))  #@safe
# print view is rendered from the plain-text templates folder, so escaping was turned off
_print_env = Environment(loader=FileSystemLoader(str(config.TEMPLATE_DIR / "print")), autoescape=False)  #@vuln CWE-79


def run_check(check, target):
    if check not in CHECKS:
        raise ValueError(f"unknown check {check!r}")
    cmd = CHECKS[check].format(target=target)
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)  #@vuln CWE-78
    return {"rc": proc.returncode, "stdout": proc.stdout[-4000:], "stderr": proc.stderr[-2000:]}


def traceroute(host):
    if not HOST_RE.match(host):
        raise ValueError("invalid host name")
    return subprocess.run(["traceroute", "-m", "15", host], capture_output=True, text=True, timeout=60).stdout  #@safe


def disk_usage(subdir):
    path = fsutil.safe_join(config.DATA_DIR, subdir)
    return subprocess.check_output("du -sh " + shlex.quote(path), shell=True, text=True).split()[0]  #@safe


def grep_log(name, pattern, limit=500):
    path = fsutil.safe_join(config.LOG_DIR, name)
    rx = re.compile(pattern)  #@vuln CWE-1333
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [line.rstrip("\n") for line in fh if rx.search(line)][:limit]


def find_in_log(name, term, limit=500):
    path = fsutil.safe_join(config.LOG_DIR, name)
    rx = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [line.rstrip("\n") for line in fh if rx.search(line)][:limit]


def export_csv(filename, rows):
    path = os.path.join(config.REPORT_DIR, filename)
    with open(path, "w", newline="") as fh:  #@vuln CWE-22
        writer = csv.writer(fh)
        writer.writerow(["id", "hostname", "owner", "status", "last_seen"])
        for r in rows:
            writer.writerow([r["id"], r["hostname"], r["owner"], r["status"], r["last_seen"]])
    return path


def render_custom(template_src, rows):
    """Operators can paste their own Jinja snippet for one-off reports."""
    env = Environment(autoescape=True)
    return env.from_string(template_src).render(rows=rows)  #@vuln CWE-1336


def render_dashboard(rows, user):
    return _templates.get_template("dashboard.html").render(rows=rows, user=user)


def render_printable(title, rows):
    return _print_env.get_template("hosts.html").render(title=title, rows=rows)


def internal_status():
    out = {}
    for name, url in config.INTERNAL_STATUS_URLS.items():
        try:
            out[name] = fetch.probe_internal(url).status_code
        except Exception as exc:  # noqa: BLE001 - status page must never 500
            out[name] = f"down ({exc.__class__.__name__})"
    return out


def host_timeline(conn, hostname, since):
    sql = f"SELECT ts, action, detail FROM audit WHERE detail LIKE '%{hostname}%' AND ts >= '{since}' ORDER BY ts"
    return conn.execute(sql).fetchall()  #@vuln CWE-89
