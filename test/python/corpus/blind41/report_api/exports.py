"""CSV / Excel / PDF exports and HTML rendering of report rows."""
from __future__ import annotations

import csv
import os
import subprocess
import tempfile
from typing import Iterable

from flask import current_app
from jinja2 import Environment, select_autoescape
from lxml import etree
from markupsafe import Markup
from openpyxl import Workbook
from werkzeug.utils import secure_filename

_html_env = Environment(autoescape=select_autoescape(["html"]))

ROWS_TEMPLATE = _html_env.from_string(
    """<h2>{{ title }}</h2>
<table class="report">
  <tr>{% for c in columns %}<th>{{ c }}</th>{% endfor %}</tr>
  {% for r in rows %}<tr>{% for c in columns %}<td>{{ r[c] }}</td>{% endfor %}</tr>{% endfor %}
</table>"""
)


def render_rows_html(title: str, rows: list[dict]) -> str:
    columns = list(rows[0].keys()) if rows else []
    return ROWS_TEMPLATE.render(title=title, columns=columns, rows=rows)


def caption(title: str, customer: str) -> Markup:
    return Markup(f"<span class='caption'>{title} &mdash; {customer}</span>")  #@vuln CWE-79


def caption_safe(title: str, customer: str) -> Markup:
    return Markup("<span class='caption'>{} &mdash; {}</span>").format(title, customer)  #@safe


def write_csv(filename: str, rows: Iterable[dict]) -> str:
    rows = list(rows)
    export_dir = current_app.config["EXPORT_DIR"]
    path = os.path.join(export_dir, f"{filename}.csv")
    with open(path, "w", newline="", encoding="utf-8") as fh:  #@vuln CWE-22
        if rows:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            writer.writerows(rows)
    return path


def write_xlsx(filename: str, rows: list[dict]) -> str:
    export_dir = current_app.config["EXPORT_DIR"]
    path = os.path.join(export_dir, secure_filename(filename) + ".xlsx")
    wb = Workbook()
    ws = wb.active
    if rows:
        ws.append(list(rows[0].keys()))
        for r in rows:
            ws.append(list(r.values()))
    wb.save(path)
    return path


def xlsx_to_pdf(filename: str, rows: list[dict]) -> str:
    """Render an xlsx to PDF with headless LibreOffice."""
    scratch = tempfile.mktemp(suffix=".xlsx", prefix="rpt-")  #@vuln CWE-377
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(list(r.values()))
    wb.save(scratch)
    out_dir = current_app.config["EXPORT_DIR"]
    subprocess.run(f"soffice --headless --convert-to pdf --outdir {out_dir} {scratch} && mv {out_dir}/{os.path.basename(scratch)[:-5]}.pdf '{out_dir}/{filename}.pdf'", shell=True, check=True)  #@vuln CWE-78
    return os.path.join(out_dir, f"{filename}.pdf")


def xlsx_to_pdf_safe(xlsx_path: str) -> str:
    out_dir = current_app.config["EXPORT_DIR"]
    with tempfile.TemporaryDirectory(prefix="rpt-") as workdir:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", workdir, xlsx_path], check=True, timeout=120)  #@safe
        produced = os.path.join(workdir, os.path.splitext(os.path.basename(xlsx_path))[0] + ".pdf")
        final = os.path.join(out_dir, os.path.basename(produced))
        os.replace(produced, final)
    return final


def parse_column_mapping(xml_bytes: bytes) -> dict[str, str]:
    """Column mapping files uploaded from the ERP integration (XML)."""
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    root = etree.fromstring(xml_bytes, parser=parser)  #@vuln CWE-611
    return {el.get("source"): el.get("target") for el in root.iter("column")}
