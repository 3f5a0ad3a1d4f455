"""Diagnostic command helpers used by the bridge, the dashboard and the device shell."""
import ipaddress
import logging
import subprocess

log = logging.getLogger(__name__)

DIAGNOSTICS = {
    "uptime": ["uptime"],
    "disk": ["df", "-h", "/var/lib/hearth"],
    "mem": ["free", "-m"],
    "mosquitto": ["systemctl", "is-active", "mosquitto"],
    "zigbee": ["systemctl", "is-active", "zigbee2mqtt"],
}


def run_diag(name: str) -> str:
    argv = DIAGNOSTICS.get(name)
    if argv is None:
        raise ValueError(f"unknown diagnostic {name!r}")
    return subprocess.run(argv, capture_output=True, text=True, timeout=15).stdout  #@safe


def ping(host: str, count: int = 3) -> str:
    cmd = f"ping -c {int(count)} -W 2 {host}"
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)  #@vuln CWE-78
    return proc.stdout + proc.stderr


def ping_checked(host: str, count: int = 3) -> str:
    addr = ipaddress.ip_address(host)  # raises ValueError for anything that is not an IP literal
    proc = subprocess.run(["ping", "-c", str(int(count)), "-W", "2", str(addr)], capture_output=True, text=True, timeout=30)  #@safe
    return proc.stdout

