"""Jinja helpers for report headers, e-mail bodies and advertiser-defined titles."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html", "xml"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_sandbox = SandboxedEnvironment(autoescape=True)


def money(value: float, currency: str = "USD") -> str:
    return f"{currency} {value:,.2f}"


_env.filters["money"] = money
_sandbox.filters["money"] = money


def render_named(name: str, **context) -> str:
    return _env.get_template(name).render(**context)


def render_snippet(source: str, **context) -> str:
    return Template(source).render(**context)  #@vuln CWE-1336


def render_sandboxed(source: str, **context) -> str:
    return _sandbox.from_string(source).render(**context)  #@safe
