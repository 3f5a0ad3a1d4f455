"""Invoice business logic: search, PDF rendering, exports, attachments."""
import csv
import logging
import os
import subprocess

from flask import current_app

from billing_portal.repositories.invoice_repo import InvoiceRepository
from common.files import read_attachment, read_template_asset, scratch_file
from common.proc import quoted, run_shell
from common.templating import highlight, render_page, render_snippet

log = logging.getLogger(__name__)

DEFAULT_FOOTER = "Thank you for your business, {{ tenant.display_name }}."
EXPORT_FIELDS = ["id", "number", "customer", "amount_cents", "status"]


class InvoiceService:
    def __init__(self, repo: InvoiceRepository | None = None):
        self.repo = repo or InvoiceRepository()

    def search(self, tenant_id: int, term: str, status: str | None = None) -> list[dict]:
        rows = self.repo.search(tenant_id, term, status)
        for row in rows:
            row["customer_html"] = str(highlight(row["customer"], term))
        return rows

    def get(self, invoice_id: int, tenant_id: int) -> dict | None:
        return self.repo.get(invoice_id, tenant_id)

    def footer_for(self, tenant_id: int, invoice: dict) -> str:
        settings = self.repo.tenant_settings(tenant_id)
        template = settings.get("footer_template") or DEFAULT_FOOTER
        return render_snippet(template, invoice=invoice, tenant=settings)

    def render_pdf(self, invoice: dict, tenant_id: int, paper_size: str) -> str:
        cfg = current_app.config
        if paper_size not in cfg["PAPER_SIZES"]:
            paper_size = "A4"
        html = render_page("invoice.html", invoice=invoice, footer=self.footer_for(tenant_id, invoice))
        html_path = os.path.join(cfg["INVOICE_STORAGE"], f"{int(invoice['id'])}.html")
        pdf_path = html_path[:-5] + ".pdf"
        with open(html_path, "w", encoding="utf-8") as fh:
            fh.write(html)
        subprocess.run([cfg["PDF_RENDERER"], "--page-size", paper_size, html_path, pdf_path], check=True, timeout=120)  #@safe
        return pdf_path

    def watermark(self, pdf_path: str, stamp_text: str) -> str:
        out = pdf_path.replace(".pdf", "-stamped.pdf")
        run_shell(f"qpdf {pdf_path} --overlay /opt/billing/stamps/{stamp_text}.pdf -- {out}")
        return out

    def export_csv(self, tenant_id: int, term: str, label: str) -> str:
        rows = self.repo.search(tenant_id, term)
        path = os.path.join(current_app.config["EXPORT_DIR"], f"{label}.csv")
        with open(path, "w", newline="", encoding="utf-8") as fh:  #@vuln CWE-22
            writer = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        os.system(f"gzip -f {path}")  #@vuln CWE-78
        return path + ".gz"

    def export_period_totals(self, tenant_id: int, period: str, since: str) -> str:
        rows = self.repo.totals_by_period(tenant_id, period, since)
        path = scratch_file(".csv")
        with open(path, "w", newline="") as fh:
            csv.writer(fh).writerows((r["bucket"], r["total"]) for r in rows)
        return path

    def archive_exports(self, tenant_slug: str) -> str:
        export_dir = current_app.config["EXPORT_DIR"]
        out = os.path.join(export_dir, f"{tenant_slug}-exports.tar.gz")
        run_shell(quoted("tar czf {out} -C {src} .", out=out, src=export_dir))
        return out

    def attachment(self, invoice_id: int, name: str) -> bytes:
        base = os.path.join(current_app.config["INVOICE_STORAGE"], str(invoice_id), "attachments")
        return read_attachment(base, name)

    def logo(self, tenant_id: int, name: str) -> bytes:
        base = os.path.join(current_app.config["INVOICE_STORAGE"], "logos", str(tenant_id))
        return read_template_asset(base, name)
