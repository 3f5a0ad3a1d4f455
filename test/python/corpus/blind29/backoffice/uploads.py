"""Uploads: documents, invoice attachments and bulk imports."""
import csv
import io
import os
import subprocess
import tarfile
import tempfile

import yaml
from flask import (Blueprint, abort, current_app, jsonify, request, send_file,
                   send_from_directory)
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename

from backoffice.extensions import db
from backoffice.models import Invoice
from common.files import extract_zip, tenant_dir
from integrations.feeds import fetch_feed, parse_partner_invoice_xml

bp = Blueprint("uploads", __name__, url_prefix="/uploads")

ALLOWED_EXTENSIONS = {"csv", "pdf", "png", "jpg", "jpeg", "xml", "zip"}
DEFAULT_MAPPING = os.path.join(os.path.dirname(__file__), "import_mapping.yml")


def _allowed(name):
    return "." in name and name.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


def _tenant_uploads():
    return tenant_dir(current_app.config["UPLOAD_FOLDER"], current_user.tenant_id)


@bp.before_request
@login_required
def _require_login():
    return None


@bp.route("/", methods=["POST"])
def upload_document():
    f = request.files.get("file")
    if f is None or not f.filename:
        abort(400)
    name = secure_filename(f.filename)
    if not _allowed(name):
        abort(400, "file type not allowed")
    path = os.path.join(_tenant_uploads(), name)
    f.save(path)  #@safe
    if name.lower().endswith(".pdf"):
        thumb = path + ".png"
        subprocess.run(["convert", "-density", "72", path + "[0]", "-thumbnail", "240x240", thumb], check=True, timeout=60)  #@safe
    return f"<p>Uploaded {f.filename} ({os.path.getsize(path)} bytes)</p>"  #@vuln CWE-79


@bp.route("/invoices/<int:invoice_id>/attachments", methods=["POST"])
def attach_to_invoice(invoice_id):
    invoice = Invoice.query.filter_by(id=invoice_id, tenant_id=current_user.tenant_id).first_or_404()
    f = request.files["attachment"]
    folder = os.path.join(current_app.config["UPLOAD_FOLDER"], "invoices", str(invoice.id))
    os.makedirs(folder, exist_ok=True)
    saved = os.path.join(folder, f.filename)
    f.save(saved)  #@vuln CWE-22
    if saved.lower().endswith(".pdf"):
        # index the text so attachments show up in search
        os.system(f"pdftotext -layout '{saved}' '{saved}.txt'")  #@vuln CWE-78
    return jsonify(ok=True, name=f.filename)


@bp.route("/download")
def download():
    rel = request.args.get("path", "")
    return send_file(os.path.join(current_app.config["UPLOAD_FOLDER"], rel), as_attachment=True)  #@vuln CWE-22


@bp.route("/files/<path:name>")
def tenant_file(name):
    return send_from_directory(_tenant_uploads(), name)  #@safe


@bp.route("/import/receipts", methods=["POST"])
def import_receipts():
    archive = request.files["archive"]
    tmp_path = tempfile.mktemp(suffix=".zip", prefix="receipts-")  #@vuln CWE-377
    archive.save(tmp_path)
    dest = os.path.join(_tenant_uploads(), "receipts")
    try:
        files = extract_zip(tmp_path, dest)
    finally:
        os.unlink(tmp_path)
    return jsonify(imported=len(files))


@bp.route("/import/bundle", methods=["POST"])
def import_bundle():
    bundle = request.files["bundle"]
    dest = os.path.join(_tenant_uploads(), "bundles", secure_filename(bundle.filename).split(".")[0])
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(fileobj=bundle.stream, mode="r:gz") as tar:
        tar.extractall(dest)  #@vuln CWE-22
    return jsonify(ok=True, files=sorted(os.listdir(dest)))


@bp.route("/import/invoices", methods=["POST"])
def import_invoices_csv():
    mapping_file = request.files.get("mapping")
    if mapping_file:
        mapping = yaml.load(mapping_file.read(), Loader=yaml.Loader)  #@vuln CWE-502
    else:
        with open(DEFAULT_MAPPING) as fh:
            mapping = yaml.safe_load(fh)  #@safe
    reader = csv.DictReader(io.StringIO(request.files["file"].read().decode("utf-8-sig")))
    created = 0
    for row in reader:
        amount = int(round(float(row[mapping["amount"]].replace(",", ".")) * 100))
        db.session.add(Invoice(tenant_id=current_user.tenant_id, number=row[mapping["number"]],
                               customer_name=row[mapping["customer"]], amount_cents=amount,
                               customer_email=row.get(mapping.get("email", "email")), status="open"))
        created += 1
    db.session.commit()
    return jsonify(created=created)


@bp.route("/import/xml", methods=["POST"])
def import_invoice_xml():
    feed_url = request.form.get("feed_url")
    if feed_url:
        parsed = fetch_feed(feed_url)
    else:
        parsed = parse_partner_invoice_xml(request.files["file"].read())
    for item in parsed:
        db.session.add(Invoice(tenant_id=current_user.tenant_id, number=item["number"],
                               customer_name=item["customer"], amount_cents=item["amount_cents"],
                               currency=item.get("currency", "EUR"), status="open"))
    db.session.commit()
    return jsonify(created=len(parsed))
