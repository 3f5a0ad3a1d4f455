import os

from flask import Blueprint, abort, current_app, jsonify, render_template_string, request, send_file, send_from_directory

from ..tasks import render_invoice_pdf, replay_batch

bp = Blueprint("invoices", __name__, url_prefix="/invoices")

SUMMARY_TEMPLATE = """
<h1>Invoice {{ inv.number }}</h1>
<p>Total: {{ inv.total }} &middot; Status: {{ inv.status }}</p>
<footer>{{ footer|safe }}</footer>
"""


def _repo():
    return current_app.extensions["invoice_repo"]


@bp.get("/")
def search():
    rows = _repo().search(request.args.get("customer", ""), request.args.get("status"))
    return jsonify([dict(r) for r in rows])


@bp.get("/totals")
def totals():
    group_by = request.args.get("by", "status")
    return jsonify([{"key": r[0], "total": str(r[1])} for r in _repo().totals_by(group_by)])


@bp.get("/customers/lookup")
def customer_lookup():
    row = _repo().customer_by_email(request.args["email"])
    if row is None:
        abort(404)
    return dict(row)


@bp.get("/<int:invoice_id>/pdf")
def download_pdf(invoice_id):
    name = request.args.get("file", f"{invoice_id}.pdf")
    return send_file(os.path.join(current_app.config["INVOICE_DIR"], name), mimetype="application/pdf")  #@vuln CWE-22


@bp.get("/<int:invoice_id>/attachments/<path:filename>")
def attachment(invoice_id, filename):
    folder = os.path.join(current_app.config["INVOICE_DIR"], "attachments", str(invoice_id))
    return send_from_directory(folder, filename, as_attachment=True)  #@safe


@bp.post("/<int:invoice_id>/render")
def render(invoice_id):
    title = request.form.get("title", f"Invoice {invoice_id}")
    job = render_invoice_pdf.delay(invoice_id, title)
    return {"job": job.id}, 202


@bp.post("/replay")
def replay():
    job = replay_batch.delay(request.get_data().hex())
    return {"job": job.id}, 202


@bp.get("/<int:invoice_id>/summary")
def summary(invoice_id):
    inv = _repo().get(invoice_id)
    if inv is None:
        abort(404)
    footer = request.args.get("footer", "")
    return render_template_string(SUMMARY_TEMPLATE, inv=inv, footer=footer)  #@vuln CWE-79
