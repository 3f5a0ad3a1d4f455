"""CSV and PDF exports, plus share links for finished exports."""
import csv
import os
import shlex
import subprocess
import tempfile
from datetime import date

from flask import (Blueprint, current_app, jsonify,
                   render_template, request, send_from_directory, url_for)
from flask_login import current_user, login_required

from backoffice import repository
from backoffice.models import Invoice

bp = Blueprint("exports", __name__, url_prefix="/exports")


def _export_dir():
    path = os.path.join(current_app.config["EXPORT_FOLDER"], str(int(current_user.tenant_id)))
    os.makedirs(path, exist_ok=True)
    return path


@bp.route("/custom", methods=["POST"])
@login_required
def custom_export():
    columns = request.form.getlist("columns") or ["number", "customer_name", "amount_cents"]
    where = request.form.get("filter", "1=1")
    rows = repository.export_rows(current_user.tenant_id, columns, where)
    if not rows:
        return f"<p>No invoices matched <code>{where}</code>.</p>", 404  #@vuln CWE-79
    filename = request.form.get("filename", f"export-{date.today():%Y%m%d}") + ".csv"
    with open(os.path.join(_export_dir(), filename), "w", newline="") as fh:  #@vuln CWE-22
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)
    return jsonify(download=url_for("exports.fetch", name=filename))


@bp.route("/fetch")
@login_required
def fetch():
    return send_from_directory(_export_dir(), request.args.get("name", ""), as_attachment=True)  #@safe


def _html_to_pdf(html, out_name):
    fd, html_path = tempfile.mkstemp(suffix=".html", prefix="bo-pdf-")  #@safe
    with os.fdopen(fd, "w") as fh:
        fh.write(html)
    pdf_path = os.path.join(_export_dir(), out_name)
    try:
        subprocess.run(["wkhtmltopdf", "--quiet", "--disable-local-file-access", html_path, pdf_path], check=True, timeout=120)  #@safe
    finally:
        os.unlink(html_path)
    return pdf_path


@bp.route("/invoices/<int:invoice_id>.pdf")
@login_required
def invoice_pdf(invoice_id):
    invoice = Invoice.query.filter_by(id=invoice_id, tenant_id=current_user.tenant_id).first_or_404()
    html = render_template("exports/invoice.html", invoice=invoice, tenant=current_user.tenant)
    pdf_path = _html_to_pdf(html, f"invoice-{invoice.id}.pdf")
    return send_from_directory(os.path.dirname(pdf_path), os.path.basename(pdf_path),
                               as_attachment=True, download_name=f"invoice-{invoice.number}.pdf")


@bp.route("/statement.pdf")
@login_required
def statement_pdf():
    # prints the customer-portal statement page the user is currently looking at
    source = request.args.get("source", "")
    out = os.path.join(_export_dir(), f"statement-{date.today():%Y%m%d}.pdf")
    subprocess.run(f"wkhtmltopdf --quiet {source} {out}", shell=True, check=True, timeout=120)  #@vuln CWE-78
    return send_from_directory(_export_dir(), os.path.basename(out), as_attachment=True)


@bp.route("/archive", methods=["POST"])
@login_required
def monthly_archive():
    month = request.form.get("month", date.today().strftime("%Y-%m"))
    export_dir = _export_dir()
    archive_name = f"invoices-{month}.zip"
    cmd = "cd %s && zip -qr %s invoices-%s/" % (export_dir, archive_name, month)
    subprocess.check_output(cmd, shell=True, stderr=subprocess.STDOUT)  #@vuln CWE-78
    checksum_cmd = "sha256sum " + shlex.quote(archive_name) + " > " + shlex.quote(archive_name + ".sha256")
    subprocess.check_call(checksum_cmd, shell=True, cwd=export_dir)  #@safe
    return jsonify(download=url_for("exports.fetch", name=archive_name))
