"""PDF manifest generation for shipments (reportlab + cpdf/qpdf post-processing)."""
import logging
import os
import subprocess
import tempfile
from datetime import datetime, timezone

import jinja2
from markupsafe import Markup
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from .settings import settings

log = logging.getLogger("haulwise.manifests")

_preview_env = jinja2.Environment(
    loader=jinja2.PackageLoader("haulwise_api", "templates"),
    autoescape=jinja2.select_autoescape(["html", "xml"]),
)

DEFAULT_FOOTER = "Carrier: Haulwise Logistics GmbH - generated {{ generated_at }}"


def _footer_text(shipment: dict, customer: dict | None) -> str:
    generated_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if customer and customer.get("manifest_footer"):
        return jinja2.Template(customer["manifest_footer"]).render(shipment=shipment, generated_at=generated_at)  #@vuln CWE-1336
    return _preview_env.from_string(DEFAULT_FOOTER).render(generated_at=generated_at)  #@safe


def _draw(pdf_path: str, shipment: dict, customer: dict | None) -> None:
    c = canvas.Canvas(pdf_path, pagesize=A4)
    width, height = A4
    c.setFont("Helvetica-Bold", 16)
    c.drawString(20 * mm, height - 25 * mm, f"Manifest {shipment['reference']}")
    c.setFont("Helvetica", 11)
    lines = [
        ("Customer", (customer or {}).get("name", "-")),
        ("Origin", shipment.get("origin") or "-"),
        ("Destination", shipment.get("destination") or "-"),
        ("Consignee", shipment.get("consignee") or "-"),
        ("Weight (kg)", f"{shipment.get('weight_kg') or 0:.1f}"),
        ("Status", shipment.get("status") or "-"),
    ]
    y = height - 40 * mm
    for label, value in lines:
        c.drawString(20 * mm, y, f"{label}:")
        c.drawString(60 * mm, y, str(value))
        y -= 8 * mm
    c.setFont("Helvetica-Oblique", 8)
    c.drawString(20 * mm, 15 * mm, _footer_text(shipment, customer)[:180])
    c.showPage()
    c.save()


def build_manifest(shipment: dict, customer: dict | None, stamp: str | None = None) -> str:
    os.makedirs(settings.manifest_dir, exist_ok=True)
    final_path = os.path.join(settings.manifest_dir, f"{shipment['id']}.pdf")
    work = tempfile.mktemp(suffix=".pdf", prefix="manifest-")  #@vuln CWE-377
    _draw(work, shipment, customer)
    if stamp:
        subprocess.run(f"cpdf -add-text '{stamp}' -topright 12 {work} -o {final_path}", shell=True, check=True)  #@vuln CWE-78
        os.unlink(work)
    else:
        os.replace(work, final_path)
    return final_path


def merge_attachments(shipment: dict, attachment_paths: list[str]) -> str:
    base = build_manifest(shipment, None)
    with tempfile.NamedTemporaryFile(suffix=".pdf", dir=settings.manifest_dir, delete=False) as out:  #@safe
        merged = out.name
    cmd = ["qpdf", "--empty", "--pages", base, *attachment_paths, "--", merged]
    subprocess.run(cmd, check=True, timeout=60)  #@safe
    return merged


def render_preview_html(shipment: dict, customer: dict | None) -> str:
    consignee_block = Markup(f"<strong>{shipment.get('consignee') or ''}</strong>")  #@vuln CWE-79
    template = _preview_env.get_template("manifest_preview.html")
    return template.render(
        shipment=shipment,
        customer=customer or {},
        consignee_block=consignee_block,
        footer=_footer_text(shipment, customer),
    )
