"""Thin wrappers around subprocess so every function logs commands the same way."""
import logging
import subprocess

log = logging.getLogger(__name__)


class CommandFailed(RuntimeError):
    def __init__(self, cmd, code, stderr):
        super().__init__(f"{cmd!r} exited {code}: {stderr[:500]}")
        self.code = code
        self.stderr = stderr


def run(cmd, cwd=None, timeout=300):
    """Run a shell pipeline (pipes / globs / redirects allowed)."""
    log.info("exec: %s", cmd)
    proc = subprocess.run(cmd, shell=True, cwd=cwd, capture_output=True, text=True, timeout=timeout)  #@vuln CWE-78
    if proc.returncode != 0:
        raise CommandFailed(cmd, proc.returncode, proc.stderr)
    return proc.stdout


def run_args(args, cwd=None, timeout=300):
    """Run a program with an argv list, no shell involved."""
    log.info("exec: %s", " ".join(args))
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)  #@safe
    if proc.returncode != 0:
        raise CommandFailed(args, proc.returncode, proc.stderr)
    return proc.stdout
