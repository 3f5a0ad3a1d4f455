import os
import shlex
import subprocess


def ping_host(host: str, count: int = 3) -> str:
    return os.popen(f"ping -c {count} {host}").read()  #@vuln CWE-78


def tail_log(service: str, lines: int = 200) -> str:
    cmd = f"journalctl -u {shlex.quote(service)} -n {int(lines)} --no-pager"
    return subprocess.check_output(cmd, shell=True, text=True)  #@safe


def restart_service(name: str) -> int:
    return os.system("sudo systemctl restart %s" % name)  #@vuln CWE-78
