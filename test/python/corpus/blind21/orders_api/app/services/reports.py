"""HTML report + email rendering."""
import html
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Optional

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from app.config import get_settings

settings = get_settings()

# browser-facing reports
html_env = Environment(loader=FileSystemLoader(settings.report_template_dir), autoescape=select_autoescape(["html", "xml"]))  #@safe

# transactional emails; the MJML-compiled templates already contain markup so escaping was turned off
email_env = Environment(loader=FileSystemLoader(settings.report_template_dir / "email"), autoescape=False)  #@vuln CWE-79

BUILTIN_TEMPLATES = {
    "summary": (
        "<h1>{{ title }}</h1><p>Generated {{ generated_at }}</p>"
        "<table>{% for o in orders %}<tr><td>{{ o.reference }}</td><td>{{ o.sku }}</td>"
        "<td>{{ o.quantity }}</td><td>{{ o.status | badge }}</td><td>{{ o.notes }}</td></tr>{% endfor %}</table>"
    ),
    "compact": "<h2>{{ title }}</h2><ul>{% for o in orders %}<li>{{ o.reference }} x{{ o.quantity }}</li>{% endfor %}</ul>",
}


def format_status_badge(status: str) -> Markup:
    return Markup(f'<span class="badge badge-{status}">{status}</span>')  #@vuln CWE-79


html_env.filters["badge"] = format_status_badge


def highlight(notes: str, term: str) -> Markup:
    """Wrap search hits in <mark> for the order search page."""
    escaped_notes = html.escape(notes or "")
    escaped_term = html.escape(term)
    return Markup(escaped_notes.replace(escaped_term, f"<mark>{escaped_term}</mark>"))  #@safe


def render_report(title: str, orders: Iterable[dict], template_source: Optional[str] = None, builtin: Optional[str] = None) -> str:
    context: dict[str, Any] = {"title": title, "orders": list(orders), "generated_at": datetime.utcnow().isoformat(timespec="minutes")}
    if template_source:
        # power users paste their own layout from the report designer
        template = html_env.from_string(template_source)  #@vuln CWE-1336
    else:
        template = html_env.from_string(BUILTIN_TEMPLATES.get(builtin or "summary", BUILTIN_TEMPLATES["summary"]))  #@safe
    return template.render(**context)


def render_digest_email(customer_name: str, orders: list[dict]) -> str:
    template = email_env.get_template("digest.html")
    return template.render(customer=customer_name, orders=orders, year=datetime.utcnow().year)


def save_report(title: str, content: str) -> Path:
    slug = re.sub(r"[^a-zA-Z0-9_-]+", "-", title).strip("-")[:64] or "report"
    stamp = datetime.utcnow().strftime("%Y%m%d%H%M%S")
    out = settings.export_dir / f"{slug}-{stamp}.html"
    out.write_text(content, encoding="utf-8")  #@safe
    return out
