"""Reporting endpoints for revenue managers and the night audit."""
import ast
import io
import os
import pickle
import re
from datetime import date

from flask import Blueprint, abort, current_app, jsonify, request, send_file
from marshmallow import ValidationError

from ops.revenue_export import load_revenue, revenue_to_xlsx

from . import reports_repo
from .auth import login_required
from .schemas import availability_query_schema, segment_report_schema

bp = Blueprint("reports", __name__, url_prefix="/api/reports")

METRIC_NAMES = ("rooms_sold", "rooms_available", "room_revenue", "guests")


@bp.get("/availability")
@login_required()
def availability():
    try:
        q = availability_query_schema.load(request.args)
    except ValidationError as err:
        return jsonify(errors=err.messages), 422
    if q.get("room_type"):
        rows = reports_repo.available_rooms(q["room_type"], q["start"], q["end"])
    else:
        rows = reports_repo.availability_grid(q["building"], q["start"], q["end"], q["sort"])
    return jsonify([dict(r) for r in rows])


@bp.get("/segment")
@login_required(role="revenue")
def segment_occupancy():
    try:
        q = segment_report_schema.load(request.args)
    except ValidationError as err:
        return jsonify(errors=err.messages), 422
    rows = reports_repo.occupancy_by_segment(q["segment"], q["start"], q["end"])
    return jsonify([{k: str(v) for k, v in r.items()} for r in rows])


@bp.get("/guests")
@login_required()
def guest_search():
    term = request.args.get("q", "").strip()
    if len(term) < 2:
        return jsonify([])
    return jsonify(reports_repo.search_guests(term))


@bp.get("/housekeeping")
@login_required()
def housekeeping_summary():
    filters = request.args.to_dict()
    return jsonify(reports_repo.housekeeping_counts(filters))


@bp.post("/custom-metric")
@login_required(role="revenue")
def custom_metric():
    body = request.get_json(force=True)
    expression = body["expression"]
    results = []
    for row in body.get("days", []):
        values = {name: float(row.get(name, 0)) for name in METRIC_NAMES}
        results.append(eval(expression, {"__builtins__": {}}, values))  #@vuln CWE-95
    return jsonify(results=results)


@bp.post("/rate-adjustments")
@login_required(role="revenue")
def rate_adjustments():
    raw = request.get_data(as_text=True)
    adjustments = ast.literal_eval(raw)  #@safe
    if not isinstance(adjustments, dict):
        abort(400)
    return jsonify({code: round(float(pct), 2) for code, pct in adjustments.items()})


@bp.get("/guest-filter")
@login_required()
def guest_filter():
    pattern = request.args.get("pattern", "")
    matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    rows = reports_repo.search_guests(request.args.get("q", "a"))
    return jsonify([r for r in rows if matcher.search(r["email"] or "")])


@bp.get("/guest-lookup")
@login_required()
def guest_lookup():
    needle = request.args.get("email_domain", "")
    matcher = re.compile(re.escape(needle) + r"$", re.IGNORECASE)  #@safe
    rows = reports_repo.search_guests(request.args.get("q", "a"))
    return jsonify([r for r in rows if matcher.search(r["email"] or "")])


@bp.get("/exports/<name>")
@login_required(role="revenue")
def download_export(name):
    base = os.path.realpath(current_app.config["REPORT_EXPORT_DIR"])
    path = os.path.realpath(os.path.join(base, os.path.basename(name)))
    if not path.startswith(base + os.sep) or not os.path.isfile(path):
        abort(404)
    return send_file(path, as_attachment=True)  #@safe


@bp.get("/night-audit")
@login_required(role="revenue")
def night_audit_file():
    audit_file = request.args.get("file", "")
    path = os.path.join(current_app.config["REPORT_EXPORT_DIR"], "night-audit", audit_file)
    with open(path, "rb") as fh:  #@vuln CWE-22
        data = fh.read()
    return send_file(io.BytesIO(data), mimetype="application/pdf", download_name="night-audit.pdf")


@bp.post("/snapshots/restore")
@login_required(role="revenue")
def restore_snapshot():
    snapshot = pickle.loads(request.files["snapshot"].read())  #@vuln CWE-502
    return jsonify(restored=len(snapshot.get("days", [])), label=snapshot.get("label"))


@bp.get("/revenue.xlsx")
@login_required(role="revenue")
def revenue_workbook():
    property_code = request.args.get("property", current_app.config["PROPERTY_CODE"])
    frame = load_revenue(property_code, request.args["start"], request.args["end"])
    buf = revenue_to_xlsx(frame)
    return send_file(buf, download_name=f"revenue-{date.today()}.xlsx", as_attachment=True)
