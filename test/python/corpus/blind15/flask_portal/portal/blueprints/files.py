import os

from flask import Blueprint, abort, current_app, request, send_file, send_from_directory

from ..utils import archive, xmlparse

bp = Blueprint("files", __name__, url_prefix="/files")


@bp.get("/download")
def download():
    name = request.args.get("name", "")
    path = os.path.join(current_app.config["UPLOAD_DIR"], name)
    return send_file(path, as_attachment=True)  #@vuln CWE-22


@bp.get("/shared/<path:name>")
def shared(name):
    return send_from_directory(current_app.config["UPLOAD_DIR"], name)  #@safe


@bp.post("/upload")
def upload():
    incoming = request.files.get("file")
    if incoming is None or not incoming.filename:
        abort(400)
    dest = os.path.join(current_app.config["UPLOAD_DIR"], incoming.filename)
    incoming.save(dest)  #@vuln CWE-22
    return {"saved": incoming.filename}, 201


@bp.post("/bundle")
def bundle():
    incoming = request.files["bundle"]
    target = archive.unpack_upload(incoming, request.form.get("project", "default"))
    return {"extracted_to": str(target)}


@bp.post("/bundle/v2")
def bundle_v2():
    incoming = request.files["bundle"]
    try:
        target = archive.safe_unpack(incoming, request.form.get("project", "default"))
    except ValueError:
        abort(400)
    return {"extracted_to": str(target)}


@bp.post("/invoices")
def invoices():
    return xmlparse.parse_invoice(request.get_data())


@bp.post("/invoices/v2")
def invoices_v2():
    return xmlparse.parse_invoice_strict(request.get_data())
