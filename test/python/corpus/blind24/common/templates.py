"""Jinja helpers for e-mail and HTML fragments."""
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from common.config import TEMPLATE_DIR

_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html", "xml"]),
)
_raw_env = Environment(autoescape=False)
_sandbox = SandboxedEnvironment(autoescape=True)


def render_file(name, **ctx):
    return _env.get_template(name).render(**ctx)


def render_custom(source, **ctx):
    """Render a tenant-provided notification template."""
    return _raw_env.from_string(source).render(**ctx)  #@vuln CWE-1336|CWE-94


def render_custom_sandboxed(source, **ctx):
    return _sandbox.from_string(source).render(**ctx)  #@safe


def highlight(text, term):
    marked = text.replace(term, "<mark>%s</mark>" % term)
    return Markup(marked)  #@vuln CWE-79


def highlight_escaped(text, term):
    safe_text = str(escape(text))
    safe_term = str(escape(term))
    return Markup(safe_text.replace(safe_term, "<mark>%s</mark>" % safe_term))  #@safe
