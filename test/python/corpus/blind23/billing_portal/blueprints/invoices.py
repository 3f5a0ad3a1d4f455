import os

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from markupsafe import escape

from billing_portal.repositories.invoice_repo import InvoiceRepository
from billing_portal.services.invoice_service import InvoiceService

bp = Blueprint("invoices", __name__)
service = InvoiceService()


@bp.before_request
def load_tenant():
    if "uid" not in session:
        abort(401)
    g.tenant_id = int(session["tenant_id"])


@bp.get("/")
def index():
    sort = request.args.get("sort", "created_at")
    direction = request.args.get("dir", "desc")
    return jsonify(InvoiceRepository().list_sorted(g.tenant_id, sort, direction))


@bp.get("/search")
def search():
    term = request.args.get("q", "")
    status = request.args.get("status")
    results = service.search(g.tenant_id, term, status)
    if not results:
        return f"<p class='empty'>No invoices match <b>{term}</b></p>", 404  #@vuln CWE-79
    return jsonify(results)


@bp.get("/totals")
def totals():
    period = request.args.get("period", "month")
    since = request.args.get("since", "2020-01-01")
    return send_file(service.export_period_totals(g.tenant_id, period, since), mimetype="text/csv")


@bp.get("/<int:invoice_id>/preview")
def preview(invoice_id):
    invoice = service.get(invoice_id, g.tenant_id) or abort(404)
    note = request.args.get("note", "")
    html = f"<h1>Invoice {escape(invoice['number'])}</h1><div class='note'>{note}</div>"
    return make_response(html)  #@vuln CWE-79


@bp.get("/<int:invoice_id>/message")
def message(invoice_id):
    msg = request.args.get("msg", "")
    return render_template_string("<div class='flash'>{{ msg }}</div><a href='{{ back }}'>Back</a>", msg=msg, back=url_for("invoices.index"))  #@safe


@bp.get("/<int:invoice_id>/banner")
def banner(invoice_id):
    title = request.args.get("title", "Invoice")
    return render_template_string("<h2>" + title + "</h2>{% include 'invoice_body.html' %}")  #@vuln CWE-1336|CWE-79


@bp.get("/<int:invoice_id>/pdf")
def pdf(invoice_id):
    invoice = service.get(invoice_id, g.tenant_id) or abort(404)
    path = service.render_pdf(invoice, g.tenant_id, request.args.get("paper", "A4"))
    stamp = request.args.get("stamp")
    if stamp:
        path = service.watermark(path, stamp)
    return send_file(path, mimetype="application/pdf")


@bp.get("/<int:invoice_id>/attachments/<path:name>")
def attachment(invoice_id, name):
    service.get(invoice_id, g.tenant_id) or abort(404)
    resp = make_response(service.attachment(invoice_id, name))
    resp.headers["Content-Type"] = "application/octet-stream"
    return resp


@bp.get("/logo/<path:name>")
def logo(name):
    return make_response(service.logo(g.tenant_id, name))


@bp.post("/exports")
def create_export():
    body = request.get_json(force=True)
    path = service.export_csv(g.tenant_id, body.get("q", ""), body.get("label", "export"))
    return jsonify(file=os.path.basename(path)), 201


@bp.get("/exports/<path:filename>")
def download_export(filename):
    return send_file(os.path.join(current_app.config["EXPORT_DIR"], filename), as_attachment=True)  #@vuln CWE-22


@bp.get("/exports/archive/<path:filename>")
def download_archive(filename):
    return send_from_directory(current_app.config["EXPORT_DIR"], filename, as_attachment=True)  #@safe


@bp.post("/mark-paid")
def mark_paid():
    body = request.get_json(force=True)
    count = InvoiceRepository().mark_paid(body["ids"], body.get("reference", ""))
    return jsonify(updated=count)


@bp.delete("/drafts")
def purge_drafts():
    days = request.args.get("older_than", "30")
    return jsonify(deleted=InvoiceRepository().delete_drafts(g.tenant_id, days))


@bp.get("/<int:invoice_id>/pay")
def pay(invoice_id):
    invoice = service.get(invoice_id, g.tenant_id) or abort(404)
    return_to = request.args.get("return_to") or url_for("invoices.index")
    session["pending_payment"] = invoice["id"]
    return redirect(return_to)  #@vuln CWE-601
