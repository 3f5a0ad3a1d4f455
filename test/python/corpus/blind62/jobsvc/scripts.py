"""Render Slurm batch scripts from the portal's job templates."""
import os
import tempfile

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
SCRIPT_DIR = os.environ.get("JOBSVC_SCRIPT_DIR", "/var/lib/jobsvc/scripts")

_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def available_templates():
    return sorted(t for t in _env.list_templates() if t.endswith(".sbatch.j2"))


def render_batch_script(template_name, params):
    template = _env.get_template(template_name)
    return template.render(**params)  #@safe


def render_user_template(source, params):
    """Advanced users may paste their own script skeleton with {{ }} fields."""
    return Template(source).render(**params)  #@vuln CWE-1336


def write_script(owner, content):
    os.makedirs(SCRIPT_DIR, exist_ok=True)
    fd, path = tempfile.mkstemp(prefix=f"{owner}-", suffix=".sbatch", dir=SCRIPT_DIR)  #@safe
    with os.fdopen(fd, "w") as fh:
        fh.write(content)
    os.chmod(path, 0o640)
    return path


def write_array_manifest(owner, lines):
    path = tempfile.mktemp(prefix=f"{owner}-manifest-", suffix=".txt")  #@vuln CWE-377
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return path
