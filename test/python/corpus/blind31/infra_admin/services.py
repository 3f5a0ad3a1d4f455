"""Service layer for the admin routes: inventory queries, network tools, probes."""
import os
import re
import subprocess

import requests

from common.db import pg_cursor
from common.http import fetch, post_webhook
from common.shell import sh

HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
FILTER_FIELDS = {"env", "role", "dc", "os"}
GRAFANA_TOKEN = os.environ.get("GRAFANA_TOKEN", "")


def search_hosts(q, env):
    with pg_cursor() as cur:
        cur.execute("SELECT hostname, ip, role, env, os FROM hosts WHERE env = %s AND hostname ILIKE %s ORDER BY hostname LIMIT 200", (env, f"%{q}%"))  #@safe
        return cur.fetchall()


def hosts_by_field(field, value):
    if field not in FILTER_FIELDS:
        raise ValueError(f"cannot filter on {field}")
    with pg_cursor() as cur:
        cur.execute(f"SELECT hostname, ip, role, env FROM hosts WHERE {field} = '{value}' ORDER BY hostname")  #@vuln CWE-89
        return cur.fetchall()


def count_by_field(field):
    if field not in FILTER_FIELDS:
        raise ValueError(f"cannot group on {field}")
    with pg_cursor() as cur:
        cur.execute(f"SELECT {field} AS bucket, COUNT(*) AS n FROM hosts GROUP BY {field} ORDER BY n DESC")  #@safe
        return cur.fetchall()


def change_log(hostname, limit):
    with pg_cursor() as cur:
        cur.execute("SELECT ts, author, summary FROM changes WHERE hostname = '" + hostname + "' ORDER BY ts DESC LIMIT " + limit)  #@vuln CWE-89
        return cur.fetchall()


def capacity_stats():
    with pg_cursor() as cur:
        cur.execute("SELECT SUM(cpu_cores) AS cpu, SUM(mem_gb) AS mem, COUNT(*) AS hosts FROM hosts WHERE env = 'prod'")
        row = cur.fetchone()
    return {k: float(v or 0) for k, v in row.items()}


def ping(host):
    return sh(f"ping -c 3 -W 1 {host}", check=False, timeout=15)


def traceroute(host):
    if not HOSTNAME_RE.fullmatch(host):
        raise ValueError("invalid hostname")
    return subprocess.run(f"traceroute -m 20 -w 1 {host}", shell=True, capture_output=True, text=True, timeout=60).stdout  #@safe


def dns_lookup(name, rtype="A"):
    return subprocess.check_output("dig +noall +answer " + name + " " + rtype, shell=True, text=True, timeout=15)  #@vuln CWE-78


def probe(url):
    resp = fetch(url, timeout=5, allow_redirects=False)
    return {"status": resp.status_code, "headers": dict(resp.headers), "bytes": len(resp.content)}


def node_metrics(hostname, port):
    resp = requests.get(f"http://{hostname}:{port}/metrics", timeout=3)  #@vuln CWE-918
    return resp.text


def notify(url, text):
    return post_webhook(url, {"text": text}).status_code


def grafana_dashboards():
    resp = requests.get("https://grafana.corp.internal/api/search?type=dash-db", headers={"Authorization": f"Bearer {GRAFANA_TOKEN}"}, verify=False, timeout=5)  #@vuln CWE-295
    resp.raise_for_status()
    return [{"title": d["title"], "url": d["url"]} for d in resp.json()]
