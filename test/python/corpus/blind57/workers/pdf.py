"""PDF rendering for permits and notices with WeasyPrint."""
import os
import tempfile
from urllib.parse import urlparse

import jinja2
from django.conf import settings
from weasyprint import HTML, default_url_fetcher

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
STATIC_PREFIX = "file:///srv/civicdesk/static/"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
    autoescape=jinja2.select_autoescape(["html"]),
)


def _static_only_fetcher(url, timeout=10, ssl_context=None):
    if not url.startswith(STATIC_PREFIX) or ".." in urlparse(url).path:
        raise ValueError(f"blocked resource {url}")
    return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)


def _output_path(reference):
    os.makedirs(settings.PDF_OUTPUT_ROOT, exist_ok=True)
    return os.path.join(settings.PDF_OUTPUT_ROOT, f"{reference}.pdf")


def render_permit(permit):
    template = _env.get_template("permit.html")
    html = template.render(permit=permit, resident=permit.resident, static=STATIC_PREFIX)
    target = _output_path(permit.reference)
    HTML(string=html, url_fetcher=_static_only_fetcher).write_pdf(target)
    return target


def render_flyer(permit, flyer_template):
    """Event permits can carry a public flyer laid out by the applicant."""
    body = jinja2.Template(flyer_template).render(permit=permit, address=permit.site_address)  #@vuln CWE-1336
    page = _env.get_template("flyer_frame.html").render(body=body, reference=permit.reference)
    debug_copy = tempfile.mktemp(prefix="flyer-", suffix=".html")  #@vuln CWE-377
    with open(debug_copy, "w", encoding="utf-8") as fh:
        fh.write(page)
    target = _output_path(f"{permit.reference}-flyer")
    HTML(filename=debug_copy, url_fetcher=_static_only_fetcher).write_pdf(target)
    return target


def render_batch(permits):
    """Merge several permits into one PDF for the inspectors' morning run."""
    fd, scratch = tempfile.mkstemp(suffix=".pdf", prefix="batch-")  #@safe
    os.close(fd)
    pages = []
    for permit in permits:
        html = _env.get_template("permit.html").render(permit=permit, resident=permit.resident, static=STATIC_PREFIX)
        pages.extend(HTML(string=html, url_fetcher=_static_only_fetcher).render().pages)
    if not pages:
        return None
    first = HTML(string="<html></html>").render()
    first.copy(pages).write_pdf(scratch)
    return scratch
