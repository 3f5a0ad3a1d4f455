"""Thin wrappers around subprocess used by services and workers."""
import logging
import shlex
import subprocess

log = logging.getLogger(__name__)

ALLOWED_TOOLS = {"pg_dump", "gzip", "wkhtmltopdf", "convert", "qpdf"}


class CommandFailed(RuntimeError):
    def __init__(self, cmd, returncode, stderr):
        super().__init__(f"{cmd!r} exited with {returncode}: {stderr[:500]}")
        self.returncode = returncode


def run_shell(command: str, timeout: int = 300) -> str:
    """Run a shell pipeline and return stdout. Raises CommandFailed."""
    log.debug("run_shell: %s", command)
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=timeout)  #@vuln CWE-78
    if result.returncode != 0:
        raise CommandFailed(command, result.returncode, result.stderr)
    return result.stdout


def run_tool(tool: str, *args: str, timeout: int = 300) -> str:
    if tool not in ALLOWED_TOOLS:
        raise ValueError(f"tool {tool!r} is not allowed")
    argv = [tool, *[str(a) for a in args]]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)  #@safe
    if result.returncode != 0:
        raise CommandFailed(argv, result.returncode, result.stderr)
    return result.stdout


def quoted(template: str, **params) -> str:
    """Format a shell template with every parameter shell-quoted."""
    return template.format(**{k: shlex.quote(str(v)) for k, v in params.items()})
