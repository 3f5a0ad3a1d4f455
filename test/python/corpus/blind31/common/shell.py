"""Subprocess helpers shared by the deploy CLI, the operator and the workers."""
import logging
import os
import shlex
import subprocess

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 900


class CommandError(RuntimeError):
    pass


def _env(extra=None):
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    if extra:
        env.update(extra)
    return env


def run(argv, cwd=None, timeout=DEFAULT_TIMEOUT, env=None, check=True):
    """Run an argv list (no shell). argv[0] is always a fixed binary name."""
    log.info("exec: %s", shlex.join(argv))
    proc = subprocess.run(argv, cwd=cwd, env=_env(env), timeout=timeout, capture_output=True, text=True)  #@safe
    if check and proc.returncode != 0:
        raise CommandError(f"{argv[0]} exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    return proc.stdout


def sh(command, cwd=None, timeout=DEFAULT_TIMEOUT, env=None, check=True):
    """Run a shell snippet. Used where we need pipes/redirects."""
    log.info("sh: %s", command)
    proc = subprocess.run(command, shell=True, cwd=cwd, env=_env(env), timeout=timeout, capture_output=True, text=True)  #@vuln CWE-78
    if check and proc.returncode != 0:
        raise CommandError(f"shell exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    return proc.stdout

