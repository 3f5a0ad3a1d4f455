"""HTML and PDF rendering for reports (Jinja2 + WeasyPrint + reportlab)."""
import io
import os
from urllib.parse import unquote, urlparse

import jinja2
from django.conf import settings
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import escape
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from weasyprint import HTML, default_url_fetcher

_loader = jinja2.FileSystemLoader(settings.REPORT_TEMPLATE_DIR)
env = jinja2.Environment(loader=_loader, autoescape=jinja2.select_autoescape(["html", "xml"]))  #@safe
# CSV previews predate autoescaping; the preview templates build cell markup themselves
preview_env = jinja2.Environment(loader=_loader, autoescape=False)  #@vuln CWE-79
_subject_env = SandboxedEnvironment(autoescape=False)

STATIC_ROOT = os.path.realpath(settings.STATIC_ROOT)


def render_report_html(report, rows):
    return env.get_template(report.template_name).render(report=report, rows=rows)


def render_preview(title, header, rows):
    return preview_env.get_template("preview.html").render(title=title, header=header, rows=rows)


def render_custom_layout(source, context):
    """Customers can paste their own layout in the report designer."""
    return env.from_string(source).render(**context)  #@vuln CWE-1336|CWE-94


def render_subject(source, context):
    return _subject_env.from_string(source).render(**context)  #@safe


def _static_only_fetcher(url, timeout=10, ssl_context=None):
    parsed = urlparse(url)
    if parsed.scheme == "file":
        path = os.path.realpath(unquote(parsed.path))
        if path.startswith(STATIC_ROOT + os.sep):
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise ValueError(f"blocked resource: {url}")


def html_to_pdf(html):
    return HTML(string=html, base_url=STATIC_ROOT, url_fetcher=_static_only_fetcher).write_pdf()  #@safe


def pdf_from_url(url):
    """'Save web page as report' in the designer."""
    return HTML(url=url).write_pdf()  #@vuln CWE-918


def summary_pdf(report, header, rows):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=report.title)
    styles = getSampleStyleSheet()
    story = [Paragraph(str(escape(report.title)), styles["Title"]), Spacer(1, 12)]
    if report.notes:
        story += [Paragraph(str(escape(report.notes)), styles["BodyText"]), Spacer(1, 12)]
    data = [header] + [[str(r.get(h, "")) for h in header] for r in rows[:500]]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3b63")), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white), ("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 8)]))
    story.append(table)
    doc.build(story)
    return buf.getvalue()
