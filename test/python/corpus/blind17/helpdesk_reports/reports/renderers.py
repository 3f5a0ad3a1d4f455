from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

TEMPLATE_DIR = Path(__file__).resolve().parent / "jinja"

HEADER_TEMPLATE = (
    "<header class='report-header'><h1>{{ title }}</h1>"
    "<p class='subtitle'>{{ subtitle }}</p></header>"
)

_inline_env = Environment(autoescape=False, trim_blocks=True)  #@vuln CWE-79
_page_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(["html", "xml"]),  #@safe
)


def render_header(title: str, subtitle: str) -> str:
    return _inline_env.from_string(HEADER_TEMPLATE).render(title=title, subtitle=subtitle)


def render_page(template_name: str, **context) -> str:
    return _page_env.get_template(template_name).render(**context)


def highlight(text: str, term: str) -> Markup:
    if not term:
        return escape(text)
    return Markup(text.replace(term, f"<mark>{term}</mark>"))  #@vuln CWE-79


def caption(name: str) -> Markup:
    return Markup("<figcaption>{}</figcaption>").format(name)
