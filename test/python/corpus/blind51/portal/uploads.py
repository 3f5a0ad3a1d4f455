"""Document uploads: customs forms, photos, warehouse scans, broker bundles."""
import logging
import os
import shutil
import subprocess
import tarfile
import uuid
import zipfile

import yaml
from flask import Blueprint, abort, jsonify, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

from common import config
from common.security import content_fingerprint, resolve_under
from portal.views import login_required

log = logging.getLogger(__name__)
uploads_bp = Blueprint("uploads", __name__, url_prefix="/documents")

IMAGE_EXT = {".png", ".jpg", ".jpeg"}
DECLARATION_KEYS = {"hs_code", "origin_country", "value_eur", "description", "incoterm"}


def _shipment_dir(ref: str) -> str:
    path = os.path.join(config.UPLOAD_DIR, secure_filename(ref))
    os.makedirs(path, exist_ok=True)
    return path


@uploads_bp.route("/<ref>/customs", methods=["POST"])
@login_required
def upload_customs_form(ref):
    f = request.files.get("file")
    if not f or not f.filename:
        abort(400, "no file")
    dest = os.path.join(_shipment_dir(ref), f.filename)
    f.save(dest)  #@vuln CWE-22
    log.info("customs form %s stored for %s", f.filename, ref)
    return jsonify({"stored": f.filename}), 201


@uploads_bp.route("/<ref>/images", methods=["POST"])
@login_required
def upload_image(ref):
    f = request.files["image"]
    ext = os.path.splitext(secure_filename(f.filename or ""))[1].lower()
    if ext not in IMAGE_EXT:
        abort(400, "only png/jpg accepted")
    target = resolve_under(config.UPLOAD_DIR, secure_filename(ref), f"{uuid.uuid4().hex}{ext}")
    target.parent.mkdir(parents=True, exist_ok=True)
    f.save(target)  #@safe
    thumb = target.with_name(target.stem + "-thumb.jpg")
    subprocess.run(["convert", str(target), "-auto-orient", "-thumbnail", "240x240", str(thumb)], check=True, timeout=60)  #@safe
    return jsonify({"image": target.name, "thumb": thumb.name, "sha": content_fingerprint(target.read_bytes())}), 201


@uploads_bp.route("/<ref>/scan", methods=["POST"])
@login_required
def upload_scan(ref):
    """Warehouse scanners post multi-page TIFFs; we convert them for the OCR step."""
    f = request.files["scan"]
    src = os.path.join(_shipment_dir(ref), secure_filename(f.filename or "scan.tif"))
    f.save(src)
    density = request.form.get("density", "300")
    rc = os.system(f"convert -density {density} '{src}' -colorspace Gray '{src}.png'")  #@vuln CWE-78
    if rc != 0:
        abort(500, "conversion failed")
    return jsonify({"scan": os.path.basename(src)}), 201


@uploads_bp.route("/<ref>/bundle", methods=["POST"])
@login_required
def upload_bundle(ref):
    """Customs brokers upload the full pack as .tar.gz."""
    f = request.files["bundle"]
    dest = os.path.join(_shipment_dir(ref), "bundle")
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(fileobj=f.stream, mode="r:*") as tar:
        tar.extractall(dest)  #@vuln CWE-22
        names = tar.getnames()
    return jsonify({"files": names}), 201


@uploads_bp.route("/<ref>/photos-zip", methods=["POST"])
@login_required
def upload_photo_zip(ref):
    f = request.files["archive"]
    base = resolve_under(config.UPLOAD_DIR, secure_filename(ref), "photos")
    written = []
    with zipfile.ZipFile(f.stream) as zf:
        for member in zf.infolist():
            if member.is_dir() or os.path.splitext(member.filename)[1].lower() not in IMAGE_EXT:
                continue
            try:
                target = resolve_under(base, member.filename)
            except ValueError:
                log.warning("skipping suspicious entry %r", member.filename)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as dst:  #@safe
                shutil.copyfileobj(src, dst)
            written.append(member.filename)
    return jsonify({"files": written}), 201


@uploads_bp.route("/<ref>/declaration", methods=["POST"])
@login_required
def upload_declaration(ref):
    doc = yaml.safe_load(request.files["declaration"].read())  #@safe
    if not isinstance(doc, dict) or not DECLARATION_KEYS <= doc.keys():
        abort(400, f"declaration needs {sorted(DECLARATION_KEYS)}")
    return jsonify({k: doc[k] for k in DECLARATION_KEYS})


@uploads_bp.route("/<ref>/files/<path:name>")
@login_required
def download(ref, name):
    return send_from_directory(_shipment_dir(ref), name)  #@safe


@uploads_bp.route("/archive")
@login_required
def archived_file():
    # ?path=2023/11/BK231104XYZ/invoice.pdf
    rel = request.args.get("path", "")
    return send_file(os.path.join(config.ARCHIVE_DIR, rel))  #@vuln CWE-22
