"""Routes for owners and clinic staff viewing laboratory results."""
import os
import re
import time
from urllib.parse import urlparse

import requests
from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from sqlalchemy import text

from lab_portal.app import get_engine
from lab_portal.rendering import comment_block, owner_greeting, render_summary, results_table
from vet_workers.telemetry_store import TelemetryStore
from vetnet_common.fileutil import extract_lab_bundle, save_upload
from vetnet_common.netutil import PartnerHostError, fetch_partner_document
from vetnet_common.security import verify_download

bp = Blueprint("results", __name__)


def _engine():
    return get_engine(current_app)


def _rows(result):
    return [dict(row._mapping) for row in result]


@bp.route("/results/<int:patient_id>")
def patient_results(patient_id):
    stmt = text(
        "SELECT accession, test_name, value, unit, flag, reported_at FROM lab_result "
        "WHERE patient_id = :pid AND released = true ORDER BY reported_at DESC"
    )
    with _engine().connect() as conn:
        rows = _rows(conn.execute(stmt, {"pid": patient_id}))  #@safe
    return render_template("results.html", table=results_table(rows), note=request.args.get("note", ""))


@bp.route("/results/search")
def search_results():
    term = request.args.get("q", "")
    sql = "SELECT accession, test_name, value, unit FROM lab_result WHERE test_name ILIKE '%" + term + "%'"
    with _engine().connect() as conn:
        rows = _rows(conn.execute(text(sql)))  #@vuln CWE-89
    return jsonify(rows)


@bp.route("/results/filter")
def filter_results():
    accession = request.args.get("accession", "")
    reference = request.args.get("ref", "")
    with _engine().connect() as conn:
        rows = _rows(conn.execute(text("SELECT test_name, value, unit FROM lab_result WHERE accession = :a"), {"a": accession}))
    matched = [r for r in rows if re.search(reference, r["test_name"])]  #@vuln CWE-1333
    return jsonify(matched)


@bp.route("/download/<path:filename>")
def download_result(filename):
    path = os.path.join(current_app.config["RESULTS_ROOT"], filename)
    return send_file(path, as_attachment=True)  #@vuln CWE-22


@bp.route("/download/signed")
def download_signed():
    name, expires, sig = request.args.get("f", ""), request.args.get("e", "0"), request.args.get("s", "")
    if not verify_download(name, expires, sig):
        abort(403)
    return send_from_directory(current_app.config["RESULTS_ROOT"], name, as_attachment=True)  #@safe


@bp.route("/attachments")
def attachment():
    root = os.path.realpath(os.path.join(current_app.config["RESULTS_ROOT"], "attachments"))
    name = os.path.basename(request.args.get("file", ""))
    full = os.path.realpath(os.path.join(root, name))
    if not full.startswith(root + os.sep) or not os.path.isfile(full):
        abort(404)
    return send_file(full, as_attachment=True)  #@safe


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    owner_id = request.form.get("owner_id", "")
    pin = request.form.get("pin", "")
    with _engine().connect() as conn:
        row = conn.execute(
            text("SELECT id, pin, display_name FROM portal_owner WHERE id = :oid"), {"oid": owner_id}
        ).first()
    if row is None or row.pin != pin:
        return render_template("login.html", error="Owner number or PIN not recognised"), 401
    session["owner_id"] = row.id
    response = redirect(request.args.get("next") or url_for("results.welcome"))  #@vuln CWE-601
    response.set_cookie("portal_owner", str(row.id), max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
    return response


@bp.route("/logout")
def logout():
    session.clear()
    target = request.args.get("next", "/")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    return redirect(target)  #@safe


@bp.route("/welcome")
def welcome():
    name = request.args.get("name") or request.cookies.get("display_name", "there")
    page = "{% extends 'base.html' %}{% block body %}<h2>Welcome back, " + name + "</h2>{% endblock %}"
    return render_template_string(page)  #@vuln CWE-1336


@bp.route("/greeting")
def greeting():
    return render_template_string("<div>{{ greeting }}</div>", greeting=owner_greeting(request.args.get("name", "")))  #@safe


@bp.route("/comments/preview", methods=["POST"])
def comment_preview():
    body = "<div class='comment-preview'>%s</div>" % request.form.get("comment", "")
    return make_response(body, 200)  #@vuln CWE-79


@bp.route("/comments/quote")
def comment_quote():
    return render_template("quote.html", quote=comment_block(request.args.get("author", ""), request.args.get("text", "")))


@bp.route("/summary", methods=["POST"])
def summary():
    accession = request.form.get("accession", "")
    with _engine().connect() as conn:
        rows = _rows(conn.execute(text("SELECT * FROM lab_result WHERE accession = :a"), {"a": accession}))
    return render_summary(request.form.get("layout", "{{ rows|length }} results"), {"rows": rows})


@bp.route("/partner/document")
def partner_document():
    try:
        pdf = fetch_partner_document(request.args.get("url", ""))
    except PartnerHostError:
        abort(400)
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    return response


@bp.route("/partner/pull", methods=["POST"])
def partner_pull():
    lab_url = request.form["lab_url"].rstrip("/")
    accession = request.form["accession"]
    resp = requests.get(f"{lab_url}/api/results/{accession}", timeout=15)  #@vuln CWE-918
    resp.raise_for_status()
    return jsonify(resp.json())


@bp.route("/upload", methods=["POST"])
def upload_bundle():
    upload = request.files["bundle"]
    stored = save_upload(current_app.config["UPLOAD_ROOT"], upload.filename, upload.stream)
    if stored.endswith(".zip"):
        dest = os.path.join(current_app.config["RESULTS_ROOT"], "incoming", str(int(time.time())))
        return jsonify({"files": extract_lab_bundle(stored, dest)})
    return jsonify({"files": [stored]})


@bp.route("/api/analyser/<device_id>/readings", methods=["POST"])
def analyser_readings(device_id):
    filters = request.get_json(silent=True) or {}
    readings = TelemetryStore().readings_for(device_id, filters)
    return jsonify(readings)


@bp.route("/api/analyser/<device_id>/latest")
def analyser_latest(device_id):
    return jsonify(TelemetryStore().latest(device_id) or {})
