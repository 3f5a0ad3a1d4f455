"""Jinja2 environments for pages, e-mails and tenant-customisable snippets."""
import os

from jinja2 import BaseLoader, Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

TEMPLATE_DIR = os.environ.get("TEMPLATE_DIR", os.path.join(os.path.dirname(__file__), "templates"))

_page_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "xml"]))
_mail_env = Environment(loader=FileSystemLoader(os.path.join(TEMPLATE_DIR, "mail")), autoescape=False)  #@vuln CWE-79
_snippet_env = Environment(loader=BaseLoader())
_sandbox_env = SandboxedEnvironment(autoescape=True)


def render_page(name: str, **ctx) -> str:
    return _page_env.get_template(name).render(**ctx)


def render_mail(name: str, **ctx) -> str:
    """HTML e-mail bodies (statements, reminders)."""
    return _mail_env.get_template(name).render(**ctx)


def render_snippet(source: str, **ctx) -> str:
    """Tenant-defined footer / e-mail snippets stored in tenant_settings."""
    return _snippet_env.from_string(source).render(**ctx)  #@vuln CWE-1336|CWE-94


def render_preview(source: str, **ctx) -> str:
    return _sandbox_env.from_string(source).render(**ctx)  #@safe


def highlight(text: str, term: str) -> Markup:
    if not term:
        return escape(text)
    return Markup(text.replace(term, f"<mark>{term}</mark>"))  #@vuln CWE-79


def highlight_escaped(text: str, term: str) -> Markup:
    safe_text, safe_term = escape(text), escape(term)
    return Markup(safe_text.replace(safe_term, Markup("<mark>%s</mark>") % safe_term))  #@safe
