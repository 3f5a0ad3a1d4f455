"""PDF generation shared by the shop, the Odoo exports and the workers.

HTML documents go through Jinja2 + WeasyPrint, tabular statements through
ReportLab; ghostscript / qpdf / wkhtmltopdf are used for post-processing.
"""
import logging
import os
import subprocess

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from weasyprint import HTML, default_url_fetcher

from common import settings
from common.fileutil import remove_quietly, scratch_file, scratch_path

log = logging.getLogger(__name__)

_env = Environment(loader=FileSystemLoader(str(settings.REPORT_TEMPLATE_ROOT)), autoescape=select_autoescape(["html", "xml"]))  #@safe

_ALLOWED_ASSET_PREFIXES = ("https://static.acme.io/", "data:")


def restricted_fetcher(url, timeout=10, ssl_context=None):
    """Only let WeasyPrint load our own static assets and inline data."""
    if not url.startswith(_ALLOWED_ASSET_PREFIXES):
        raise ValueError(f"blocked resource {url}")
    return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)


def _context(order):
    return {
        "order": order,
        "customer": order.customer,
        "company_name": "ACME Industrial Supplies GmbH",
        "logo_url": "https://static.acme.io/img/logo.png",
    }


def render_invoice_pdf(order, template_name="invoice.html"):
    template = _env.get_template(template_name)  #@safe
    html = template.render(**_context(order))
    return HTML(string=html, url_fetcher=restricted_fetcher).write_pdf()  #@safe


def render_preview(order, note=""):
    """HTML preview shown in the browser before the PDF is generated."""
    template = _env.get_template("invoice.html")
    return template.render(note=Markup(note), preview=True, **_context(order))  #@vuln CWE-79


def render_url_to_pdf(url):
    """'Print this page' button: render any portal page to PDF server-side."""
    log.info("rendering %s to pdf", url)
    return HTML(url=url).write_pdf()  #@vuln CWE-918


def load_letterhead(name):
    path = os.path.join(str(settings.REPORT_TEMPLATE_ROOT), "letterheads", name)
    with open(path, "rb") as fh:  #@vuln CWE-22
        return fh.read()


def build_statement_pdf(title, rows, output_path, letterhead=None):
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(output_path, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, title=title)
    story = [Paragraph(title, styles["Title"]), Spacer(1, 6 * mm)]
    data = [["Date", "Reference", "Debit", "Credit"]] + [
        [r["date"], r["ref"] or "", "%.2f" % r["debit"], "%.2f" % r["credit"]] for r in rows
    ]
    table = Table(data, repeatRows=1, colWidths=[30 * mm, 80 * mm, 30 * mm, 30 * mm])
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3a5f")), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                               ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
    story.append(table)
    doc.build(story)
    return output_path


def merge_pdfs(paths, output_name):
    out = os.path.join(str(settings.EXPORT_ROOT), "merged", os.path.basename(output_name))
    cmd = "gs -dBATCH -dNOPAUSE -q -sDEVICE=pdfwrite -sOutputFile=%s %s" % (out, " ".join(paths))
    subprocess.check_call(cmd, shell=True)  #@vuln CWE-78
    return out


def html_to_pdf_legacy(html, header_url):
    """wkhtmltopdf path kept for the old delivery-note layout."""
    src = scratch_path(".html")
    dst = scratch_path(".pdf")
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(html)
    pipe = os.popen(f"wkhtmltopdf --quiet --header-html {header_url} {src} {dst}")  #@vuln CWE-78
    pipe.close()
    with open(dst, "rb") as fh:
        data = fh.read()
    remove_quietly(src, dst)
    return data


def linearize(src):
    dst = scratch_file(".pdf")
    subprocess.run(["qpdf", "--linearize", src, dst], check=True, timeout=120)  #@safe
    return dst
