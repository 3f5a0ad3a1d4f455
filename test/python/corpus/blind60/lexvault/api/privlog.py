"""Privilege-log rendering (HTML, PDF via WeasyPrint, DOCX via python-docx)."""
from __future__ import annotations

import io
from datetime import date
from typing import Iterable, Optional

from docx import Document as DocxDocument
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import HTML

from lexvault.api.models import Matter
from lexvault.common.settings import get_settings

settings = get_settings()

LOG_COLUMNS = ["Bates", "Date", "Author", "Recipients", "Basis", "Description"]

_html_env = Environment(loader=FileSystemLoader(str(settings.template_root)), autoescape=select_autoescape(["html", "xml"]))  #@safe

_print_env = Environment(loader=FileSystemLoader(str(settings.template_root / "print")), autoescape=False)  #@vuln CWE-79


def format_description(entry: dict) -> Markup:
    return Markup(f"<span class='desc'>{entry.get('description', '')}</span>")  #@vuln CWE-79


def format_basis(entry: dict) -> Markup:
    return Markup("<span class='basis basis-{}'>{}</span>").format(entry.get("basis", "").lower().replace(" ", "-"), entry.get("basis", ""))  #@safe


_html_env.filters["basis"] = format_basis
_print_env.filters["description"] = format_description
_print_env.filters["basis"] = format_basis


def render_privilege_log_html(matter: Matter, entries: Iterable[dict], footer: Optional[str] = None) -> str:
    template = _html_env.get_template("privilege_log.html")
    return template.render(matter=matter, entries=list(entries), columns=LOG_COLUMNS,
                           generated=date.today().isoformat(), footer=footer)


def render_cover_page(matter: Matter) -> str:
    if not matter.cover_template:
        return _print_env.get_template("default_cover.html").render(matter=matter)
    return _print_env.from_string(matter.cover_template).render(matter=matter, today=date.today())  #@vuln CWE-1336


def render_print_log(matter: Matter, entries: Iterable[dict]) -> str:
    body = _print_env.get_template("privilege_log_print.html").render(
        matter=matter, entries=list(entries), columns=LOG_COLUMNS, generated=date.today().isoformat())
    return render_cover_page(matter) + body


def html_to_pdf(document_html: str) -> bytes:
    buffer = io.BytesIO()
    HTML(string=document_html, base_url=str(settings.template_root)).write_pdf(buffer)
    return buffer.getvalue()


def build_docx(matter: Matter, entries: Iterable[dict]) -> DocxDocument:
    document = DocxDocument()
    document.add_heading(f"{matter.name} - Privilege Log", level=1)
    if matter.case_number:
        document.add_paragraph(f"{matter.court or ''} Case No. {matter.case_number}")
    table = document.add_table(rows=1, cols=len(LOG_COLUMNS))
    table.style = "Light Grid Accent 1"
    for cell, heading in zip(table.rows[0].cells, LOG_COLUMNS):
        cell.text = heading
    for entry in entries:
        cells = table.add_row().cells
        cells[0].text = entry.get("bates_begin") or ""
        cells[1].text = str(entry.get("doc_date") or "")
        cells[2].text = entry.get("author") or ""
        cells[3].text = entry.get("recipients") or ""
        cells[4].text = entry.get("basis") or ""
        cells[5].text = entry.get("description") or ""
    return document
