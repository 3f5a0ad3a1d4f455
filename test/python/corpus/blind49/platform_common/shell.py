"""Thin wrappers around subprocess used by every tool the platform team ships."""
import logging
import os
import shlex
import subprocess

log = logging.getLogger(__name__)


class CommandFailed(RuntimeError):
    def __init__(self, cmd, returncode, output):
        super().__init__(f"command {cmd!r} exited with {returncode}")
        self.cmd = cmd
        self.returncode = returncode
        self.output = output


def _env(extra=None):
    env = dict(os.environ)
    env.setdefault("ANSIBLE_FORCE_COLOR", "0")
    env.setdefault("TF_IN_AUTOMATION", "1")
    if extra:
        env.update(extra)
    return env


def run(argv, cwd=None, extra_env=None, timeout=900, check=True):
    """Run an argv list (no shell). Use this one."""
    log.info("exec: %s", " ".join(shlex.quote(str(a)) for a in argv))
    proc = subprocess.run(argv, cwd=cwd, env=_env(extra_env), capture_output=True, text=True, timeout=timeout)  #@safe
    if check and proc.returncode != 0:
        raise CommandFailed(argv, proc.returncode, proc.stdout + proc.stderr)
    return proc.stdout


def run_shell(cmd, cwd=None, extra_env=None, timeout=1800, check=True):
    """Legacy entry point: a few playbook wrappers still need pipes and globbing."""
    log.info("exec (shell): %s", cmd)
    proc = subprocess.run(cmd, shell=True, cwd=cwd, env=_env(extra_env), capture_output=True, text=True, timeout=timeout)  #@vuln CWE-78
    if check and proc.returncode != 0:
        raise CommandFailed(cmd, proc.returncode, proc.stdout + proc.stderr)
    return proc.stdout

