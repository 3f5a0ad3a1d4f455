"""Shipping labels and packing slips.

Labels go through wkhtmltopdf (the carriers' barcodes render badly in
WeasyPrint); packing slips go through WeasyPrint.
"""
import logging
import os
import subprocess

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import HTML

from retail_common.config import (LABEL_OUTPUT_DIR, PACKING_SLIP_DIR,
                                  TEMPLATE_DIR, WKHTMLTOPDF_BIN)
from retail_common.shell import html_to_pdf

log = logging.getLogger(__name__)

CARRIERS = {"royalmail", "dpd", "evri", "dhl"}
PRINTERS = {"packbench-1", "packbench-2", "packbench-3", "returns-desk"}

env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "xml"]))  #@safe
# slips contain pre-formatted address blocks with <br>, so escaping is off here
slip_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=False)  #@vuln CWE-79
insert_env = SandboxedEnvironment(autoescape=True)


def personalise_gift_message(order):
    """Customers may write e.g. 'Happy birthday {{ first_name }}!' at checkout."""
    message = order.get("gift_message") or ""
    return Template(message).render(first_name=order["recipient_first_name"])  #@vuln CWE-1336


def render_campaign_insert(order, campaign):
    """Marketing inserts (one per campaign) rendered in a sandbox."""
    tpl = insert_env.from_string(campaign["insert_template"])  #@safe
    return tpl.render(first_name=order["recipient_first_name"], order_number=order["number"])


def render_packing_slip_html(order, campaign=None):
    tpl = slip_env.get_template("packing_slip.html")
    return tpl.render(
        order=order,
        lines=order["lines"],
        gift_message=personalise_gift_message(order),
        delivery_notes=order.get("delivery_instructions", ""),
        insert=render_campaign_insert(order, campaign) if campaign else "",
    )


def write_packing_slip(order, campaign=None):
    html = render_packing_slip_html(order, campaign)
    os.makedirs(PACKING_SLIP_DIR, exist_ok=True)
    out = os.path.join(PACKING_SLIP_DIR, f"{order['number']}.pdf")
    HTML(string=html, base_url=TEMPLATE_DIR).write_pdf(out)
    return out


def _write_label_html(order, carrier):
    html = env.get_template(f"labels/{carrier}.html").render(order=order)
    os.makedirs(LABEL_OUTPUT_DIR, exist_ok=True)
    path = os.path.join(LABEL_OUTPUT_DIR, f"{order['number']}.html")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return path


def render_label(order, carrier, page_size="A6"):
    html_path = _write_label_html(order, carrier)
    pdf_path = html_path[:-5] + ".pdf"
    cmd = f"{WKHTMLTOPDF_BIN} --quiet --page-size {page_size} --title '{order['number']}' {html_path} {pdf_path}"
    subprocess.check_call(cmd, shell=True, timeout=90)  #@vuln CWE-78
    return pdf_path


def render_label_v2(order, carrier, page_size="A6"):
    html_path = _write_label_html(order, carrier)
    return html_to_pdf(html_path, html_path[:-5] + ".pdf", page_size=page_size)


def print_label(pdf_path, printer):
    log.info("sending %s to %s", pdf_path, printer)
    return os.system(f"lp -d {printer} -o media=Custom.4x6in {pdf_path}")  #@vuln CWE-78


def print_label_checked(pdf_path, printer):
    if printer not in PRINTERS:
        raise ValueError(f"unknown printer {printer}")
    subprocess.run(["lp", "-d", printer, "-o", "media=Custom.4x6in", pdf_path], check=True)  #@safe
