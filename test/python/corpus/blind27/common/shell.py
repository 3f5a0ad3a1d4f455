"""Thin wrappers around external tools used by ops_console and media_hub."""
import asyncio
import logging
import shlex
import subprocess

log = logging.getLogger(__name__)

BACKUP_ROOT = "/var/backups/services"


async def _collect(proc: asyncio.subprocess.Process) -> tuple[int, str]:
    out, err = await proc.communicate()
    if proc.returncode:
        log.warning("command failed rc=%s: %s", proc.returncode, err.decode(errors="replace"))
    return proc.returncode, out.decode(errors="replace")


async def ping_host(host: str, count: int = 2) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_shell(f"ping -c {count} -W 2 {host}", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)  #@vuln CWE-78
    return await _collect(proc)


async def traceroute(host: str) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec("traceroute", "-m", "15", "--", host, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)  #@safe
    return await _collect(proc)


def archive_dir(src: str, label: str) -> str:
    dest = f"{BACKUP_ROOT}/{label}.tar.gz"
    subprocess.run(f"tar czf {dest} {src}", shell=True, check=True)  #@vuln CWE-78
    return dest


def disk_usage(path: str) -> str:
    res = subprocess.run(["du", "-sh", "--", path], capture_output=True, text=True, timeout=30)  #@safe
    return res.stdout.strip()


def service_status(unit: str) -> str:
    res = subprocess.run("systemctl status --no-pager " + shlex.quote(unit), shell=True, capture_output=True, text=True)  #@safe
    return res.stdout


def tail_log(path: str, lines: int) -> str:
    res = subprocess.run(f"tail -n {int(lines)} {path}", shell=True, capture_output=True, text=True)  #@safe
    return res.stdout
