"""Sample registration, attachments and label printing."""
import os
import re

from flask import Blueprint, abort, g, jsonify, make_response, redirect, request, send_file, send_from_directory
from markupsafe import escape
from werkzeug.utils import secure_filename

from common import config
from common.paths import UnsafePath, ensure_dir, resolve_under, sample_dir
from lims_api.auth import login_required
from lims_api.repository import SampleRepository
from pipelines.labels import print_batch_labels, print_sample_label, send_raw_zpl, render_zpl

bp = Blueprint("samples", __name__, url_prefix="/samples")

ALLOWED_IMAGE_EXT = (".png", ".jpg", ".jpeg", ".tif")
STATUSES = {"received", "in_progress", "measured", "reported", "disposed"}


@bp.get("/")
@login_required
def list_samples():
    repo = SampleRepository()
    rows = repo.search(
        request.args.get("q", ""),
        status=request.args.get("status"),
        sort=request.args.get("sort", "received_at"),
        direction=request.args.get("dir", "desc"),
        limit=request.args.get("limit", 50, type=int),
    )
    return jsonify(rows)


@bp.get("/lookup")
@login_required
def lookup_barcode():
    barcode = request.args.get("barcode", "").strip()
    sample = SampleRepository().get(barcode)
    if not sample:
        return f"<p class='text-danger'>No sample with barcode <b>{barcode}</b></p>", 404  #@vuln CWE-79
    return redirect(f"/samples/{sample['sample_id']}/card")


@bp.get("/grep")
@login_required
def grep_descriptions():
    pattern = request.args.get("pattern", "")
    rx = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    rows = SampleRepository().search("", limit=2000)
    return jsonify([r for r in rows if rx.search(r.get("description") or "")])


@bp.get("/find")
@login_required
def find_descriptions():
    term = request.args.get("term", "")
    rx = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    rows = SampleRepository().search("", limit=2000)
    return jsonify([r["sample_id"] for r in rows if rx.search(r.get("description") or "")])


@bp.get("/project/<project_code>")
@login_required
def by_project(project_code):
    return jsonify(SampleRepository().by_project(project_code, request.args.get("order", "sample_id")))


@bp.get("/<sample_id>/card")
@login_required
def sample_card(sample_id):
    s = SampleRepository().get(sample_id)
    if not s:
        abort(404)
    html = (
        f"<div class='card'><h3>{s['sample_id']}</h3>"
        f"<p class='desc'>{s['description']}</p>"
        f"<span class='badge'>{s['status']}</span></div>"
    )
    return make_response(html)  #@vuln CWE-79


@bp.get("/<sample_id>/badge")
@login_required
def sample_badge(sample_id):
    s = SampleRepository().get(sample_id)
    if not s:
        abort(404)
    return make_response(f"<span class='badge badge-{escape(s['status'])}'>{escape(s['project_code'])}</span>")  #@safe


@bp.post("/<sample_id>/comments")
@login_required
def add_comment(sample_id):
    body = (request.get_json() or {}).get("body", "")
    SampleRepository().add_comment(sample_id, body, g.user["sub"])
    return jsonify(status="ok"), 201


@bp.post("/<sample_id>/status")
@login_required
def set_status(sample_id):
    status = request.form.get("status", "")
    if status not in STATUSES:
        abort(400)
    SampleRepository().update_status(sample_id, status, g.user["sub"])
    return redirect(request.form.get("return_to") or "/samples/")  #@vuln CWE-601


@bp.post("/<sample_id>/attachments")
@login_required
def upload_attachment(sample_id):
    f = request.files["file"]
    target_dir = ensure_dir(sample_dir(config.UPLOAD_DIR, sample_id))
    f.save(os.path.join(target_dir, f.filename))  #@vuln CWE-22
    return jsonify(stored=f.filename), 201


@bp.get("/<sample_id>/attachments/<path:name>")
@login_required
def download_attachment(sample_id, name):
    path = os.path.join(sample_dir(config.UPLOAD_DIR, sample_id), name)
    return send_file(path, as_attachment=True)  #@vuln CWE-22


@bp.post("/<sample_id>/images")
@login_required
def upload_image(sample_id):
    f = request.files["image"]
    name = secure_filename(f.filename or "")
    if not name.lower().endswith(ALLOWED_IMAGE_EXT):
        abort(400, "unsupported image type")
    try:
        dest = resolve_under(config.UPLOAD_DIR, "images", secure_filename(sample_id), name)
    except UnsafePath:
        abort(400)
    ensure_dir(os.path.dirname(dest))
    f.save(dest)  #@safe
    return jsonify(stored=name), 201


@bp.get("/<sample_id>/results/<path:name>")
@login_required
def download_result(sample_id, name):
    directory = os.path.join(config.RESULTS_DIR, secure_filename(sample_id))
    return send_from_directory(directory, name, as_attachment=True)  #@safe


@bp.post("/<sample_id>/label")
@login_required
def print_label(sample_id):
    body = request.get_json() or {}
    try:
        job = print_sample_label(sample_id, body.get("printer", "bench1"), int(body.get("copies", 1)), body.get("extra_text", ""))
    except ValueError as exc:
        abort(400, str(exc))
    return jsonify(job=job)


@bp.post("/labels/batch")
@login_required
def print_batch():
    body = request.get_json() or {}
    sample_ids = body.get("samples", [])
    if body.get("printer_host"):
        # network printers at the satellite sites are not in CUPS
        zpl = "".join(render_zpl(sid, 1, body.get("batch_name", "")) for sid in sample_ids)
        send_raw_zpl(body["printer_host"], zpl, int(body.get("port", 9100)))
        return jsonify(sent=len(sample_ids))
    print_batch_labels(body.get("batch_name", "batch"), body.get("printer", "zebra-reception"), sample_ids)
    return jsonify(queued=len(sample_ids))
