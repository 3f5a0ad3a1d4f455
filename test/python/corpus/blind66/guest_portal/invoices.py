"""Invoice and receipt PDF generation for the guest portal."""
import hashlib
import os
import subprocess
import tempfile

from django.conf import settings
from django.template.loader import render_to_string

WKHTMLTOPDF = os.environ.get("WKHTMLTOPDF_BIN", "/usr/local/bin/wkhtmltopdf")


def invoice_context(invoice):
    return {
        "invoice": invoice,
        "stay": invoice.stay,
        "verification": verification_code(invoice),
        "hotel_name": "Grand Meridian Lisbon",
    }


def verification_code(invoice):
    raw = f"{invoice.number}:{invoice.total}:{invoice.currency}:{settings.SECRET_KEY}"
    return hashlib.md5(raw.encode("utf-8")).hexdigest()[:12].upper()  #@vuln CWE-328|CWE-327


def render_invoice_pdf(invoice):
    html = render_to_string("invoices/invoice.html", invoice_context(invoice))
    src = tempfile.mktemp(suffix=".html", prefix="invoice-")  #@vuln CWE-377
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(html)
    os.makedirs(settings.INVOICE_PDF_DIR, exist_ok=True)
    out = os.path.join(settings.INVOICE_PDF_DIR, f"{invoice.number}.pdf")
    title = f"Invoice {invoice.number} - {invoice.company_name or invoice.guest_name}"
    cmd = f'{WKHTMLTOPDF} --quiet --title "{title}" {src} {out}'
    subprocess.run(cmd, shell=True, check=True)  #@vuln CWE-78
    os.unlink(src)
    return out


def render_stay_receipt(stay):
    html = render_to_string("invoices/receipt.html", {"stay": stay, "member": stay.member})
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as fh:  #@safe
        fh.write(html)
        src = fh.name
    out = os.path.join(settings.INVOICE_PDF_DIR, f"receipt-{stay.pk}.pdf")
    title = f"Receipt {stay.confirmation_code} - {stay.member.user.get_full_name()}"
    try:
        subprocess.run([WKHTMLTOPDF, "--quiet", "--title", title, src, out], check=True, timeout=60)  #@safe
    finally:
        os.unlink(src)
    return out
