"""Jinja2 helpers: config files (nginx, haproxy, systemd units) and small HTML reports."""
import os

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from platform_common import config

# Config files are not HTML, so no autoescaping here on purpose.
_config_env = Environment(
    loader=FileSystemLoader(str(config.TEMPLATE_ROOT / "configs")),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)

# Old status-page env; copied from the 2019 prototype.
_report_env = Environment(loader=FileSystemLoader(str(config.TEMPLATE_ROOT / "html")), autoescape=False)

_sandbox = SandboxedEnvironment(undefined=StrictUndefined)


def list_config_templates():
    root = config.TEMPLATE_ROOT / "configs"
    return sorted(p for p in os.listdir(root) if p.endswith(".j2"))


def render_config(template_name, context):
    """Render a template that lives in the templates repo."""
    return _config_env.get_template(template_name).render(**context)


def write_config(template_name, context, dest):
    text = render_config(template_name, context)
    tmp = f"{dest}.new"
    with open(tmp, "w") as fh:
        fh.write(text)
    os.replace(tmp, dest)
    return dest


def render_inline(source, context):
    """Render a template string supplied by a project (notification text etc.)."""
    return Environment().from_string(source).render(**context)  #@vuln CWE-1336|CWE-94


def render_inline_sandboxed(source, context):
    return _sandbox.from_string(source).render(**context)  #@safe


def render_status_page(events):
    return _report_env.get_template("status.html").render(events=events)  #@vuln CWE-79
