"""Certificate of Analysis rendering: Jinja2 HTML -> WeasyPrint PDF."""
import datetime as dt
import logging
import os
import tempfile

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import CSS, HTML, default_url_fetcher

from common import config
from common.http_client import fetch_image_data_uri
from common.paths import ensure_dir
from pipelines.labels import barcode_png

log = logging.getLogger(__name__)

env = Environment(loader=FileSystemLoader(str(config.TEMPLATE_DIR)), autoescape=select_autoescape(["html", "xml"]))  #@safe
# old preview templates pre-escape values in the template with |e ... mostly
legacy_env = Environment(loader=FileSystemLoader(str(config.TEMPLATE_DIR)), autoescape=False)  #@vuln CWE-79
_sandbox = SandboxedEnvironment(autoescape=True)

PRINT_CSS = CSS(string="@page { size: A4; margin: 18mm 15mm; } body { font-family: 'DejaVu Sans'; font-size: 10pt; }")


def _restricted_fetcher(url, timeout=10, ssl_context=None):
    # only our own asset server and inline data may be pulled into PDFs
    if not (url.startswith(config.ASSET_BASE_URL) or url.startswith("data:")):
        raise ValueError(f"blocked resource {url}")
    return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)  #@safe


def render_customer_footer(customer):
    # customers edit their footer in the portal, e.g. "Analysed for {{ customer.name }}"
    return Template(customer.get("footer_template") or "").render(customer=customer, today=dt.date.today())  #@vuln CWE-1336


def render_mail_subject(customer, lot_number):
    tmpl = customer.get("subject_template") or "Certificate of analysis {{ lot }}"
    return _sandbox.from_string(tmpl).render(lot=lot_number, customer_name=customer.get("name"))  #@safe


def build_context(lot_number, customer, samples, results, signed_by):
    ctx = {
        "lot_number": lot_number,
        "customer": customer,
        "samples": samples,
        "results": results,
        "signed_by": signed_by,
        "issued": dt.date.today().isoformat(),
        "footer": render_customer_footer(customer),
    }
    if customer.get("logo_url"):
        ctx["logo"] = fetch_image_data_uri(customer["logo_url"])
    return ctx


def render_html(ctx):
    return env.get_template("coa.html").render(**ctx)


def render_preview(ctx):
    return legacy_env.get_template("coa_preview.html").render(**ctx)


def write_certificate(lot_number, html, first_sample_id=None):
    ensure_dir(config.COA_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        if first_sample_id:
            # barcode image referenced from the template as file://
            html = html.replace("__BARCODE__", "file://" + barcode_png(first_sample_id, tmp))
        out = os.path.join(str(config.COA_DIR), f"{lot_number}.pdf")
        doc = HTML(string=html, base_url=config.ASSET_BASE_URL, url_fetcher=_restricted_fetcher)
        doc.write_pdf(out, stylesheets=[PRINT_CSS])  #@vuln CWE-22
    log.info("wrote %s", out)
    return out


def pdf_from_url(src):
    """Render an arbitrary page (e.g. an ELN entry) as PDF appendix."""
    return HTML(url=src).write_pdf(stylesheets=[PRINT_CSS])  #@vuln CWE-918
