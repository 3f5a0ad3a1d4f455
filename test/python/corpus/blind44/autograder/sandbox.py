"""Minimal process sandbox for running untrusted student code (rlimits + setsid).

Production runs the whole grader worker inside gVisor; these limits are the inner fence.
"""
import os
import resource
import signal
import subprocess
from dataclasses import dataclass

from common.config import settings

OUTPUT_LIMIT = 64 * 1024


@dataclass
class RunResult:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def ok(self):
        return self.returncode == 0 and not self.timed_out


def _apply_limits(cpu_seconds, memory_mb):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        mem = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        resource.setrlimit(resource.RLIMIT_NPROC, (64, 64))
        resource.setrlimit(resource.RLIMIT_FSIZE, (10 * 1024 * 1024, 10 * 1024 * 1024))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_sandboxed(argv, workdir, stdin_text="", cfg=None):
    cfg = cfg or settings.grader
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": workdir, "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        proc = subprocess.run(argv, cwd=workdir, input=stdin_text, capture_output=True, text=True, env=env, timeout=cfg.wall_timeout, preexec_fn=_apply_limits(cfg.cpu_seconds, cfg.memory_mb))  #@safe
    except subprocess.TimeoutExpired as exc:
        return RunResult(-signal.SIGKILL, (exc.stdout or "")[:OUTPUT_LIMIT], (exc.stderr or "")[:OUTPUT_LIMIT], timed_out=True)
    return RunResult(proc.returncode, proc.stdout[:OUTPUT_LIMIT], proc.stderr[:OUTPUT_LIMIT])
