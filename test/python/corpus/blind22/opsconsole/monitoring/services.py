"""Probe logic for tenant status checks."""
import ipaddress
import re
import socket
import subprocess
import time
from urllib.parse import urlparse

import requests
from django.conf import settings

HOSTNAME_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$", re.IGNORECASE)


def _resolves_to_public(hostname):
    try:
        infos = socket.getaddrinfo(hostname, None)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def probe_http(check):
    parsed = urlparse(check.target)
    if parsed.scheme not in ("http", "https") or not _resolves_to_public(parsed.hostname or ""):
        return {"ok": False, "error": "target not allowed"}
    started = time.monotonic()
    try:
        resp = requests.get(check.target, timeout=check.timeout_seconds, allow_redirects=False)  #@safe
    except requests.RequestException as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": resp.status_code < 400, "status": resp.status_code, "ms": int((time.monotonic() - started) * 1000)}


def probe_keyword(check):
    """Fetch the page and look for the keyword/regex configured on the check."""
    try:
        resp = requests.get(check.target, timeout=check.timeout_seconds)  #@vuln CWE-918
    except requests.RequestException as exc:
        return {"ok": False, "error": str(exc)}
    found = re.search(check.keyword_pattern, resp.text) is not None  #@vuln CWE-1333
    return {"ok": found == check.keyword_should_exist, "status": resp.status_code}


def probe_ping(check):
    host = check.target.strip()
    if not HOSTNAME_RE.match(host):
        return {"ok": False, "error": "invalid host"}
    proc = subprocess.run(["ping", "-c", "3", "-W", "2", host], capture_output=True, text=True, timeout=15)  #@safe
    return {"ok": proc.returncode == 0, "output": proc.stdout[-500:]}


def traceroute(host):
    """Ad-hoc diagnostics button on the incident page."""
    return subprocess.getoutput(f"traceroute -m 20 -w 2 {host}")  #@vuln CWE-78


def internal_status_pages():
    """Aggregate the status pages of our own infra (self-signed certs internally)."""
    results = {}
    for name, url in settings.INTERNAL_STATUS_PAGES.items():
        try:
            resp = requests.get(url, timeout=5, verify=False)  #@vuln CWE-295
            results[name] = resp.json().get("status", "unknown")
        except (requests.RequestException, ValueError):
            results[name] = "unreachable"
    return results
