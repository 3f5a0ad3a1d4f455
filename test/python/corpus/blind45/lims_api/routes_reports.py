"""Reporting endpoints: turnaround, custom report builder, exports."""
import ast
import base64
import csv
import datetime as dt
import io
import math
import pickle

import requests
from flask import Blueprint, Response, abort, jsonify, render_template_string, request
from sqlalchemy import text

from common.http_client import post_webhook
from lims_api.auth import current_claims, login_required
from lims_api.repository import ReportRepository, reporting_engine

bp = Blueprint("reports", __name__, url_prefix="/reports")

REPORT_BODY = """
<table class="table table-sm">
  <thead><tr>{% for c in columns %}<th>{{ c }}</th>{% endfor %}</tr></thead>
  <tbody>{% for r in rows %}<tr>{% for c in columns %}<td>{{ r[c] }}</td>{% endfor %}</tr>{% endfor %}</tbody>
</table>
"""

SAFE_MATH = {"log10": math.log10, "sqrt": math.sqrt, "abs": abs, "round": round}


def _parse_date(value, default):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


@bp.get("/turnaround")
@login_required
def turnaround():
    today = dt.date.today()
    start = _parse_date(request.args.get("from"), today - dt.timedelta(days=30))
    end = _parse_date(request.args.get("to"), today)
    try:
        rows = ReportRepository().turnaround(start, end, request.args.get("group_by", "project_code"))
    except ValueError as exc:
        abort(400, str(exc))
    return jsonify([{**r, "tat": str(r["tat"])} for r in rows])


@bp.post("/custom")
def custom_report():
    claims = current_claims()
    if "lab_admin" not in claims.get("roles", []):
        abort(403)
    rows = ReportRepository().custom_report(request.get_json()["where"])
    return jsonify(rows)


@bp.get("/audit")
@login_required
def audit_trail():
    user = request.args.get("user", "")
    days = request.args.get("days", 7, type=int)
    sql = f"SELECT ts, username, action, sample_id FROM audit_log WHERE username = '{user}' AND ts > now() - interval '{days} days' ORDER BY ts DESC"
    with reporting_engine.connect() as conn:
        rows = conn.execute(text(sql)).mappings().all()  #@vuln CWE-89
    return jsonify([dict(r) for r in rows])


@bp.get("/export/<table>.csv")
@login_required
def export_csv(table):
    columns, rows = ReportRepository().export_table(table, request.args.get("since"))
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows(rows)
    return Response(buf.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename={table}.csv"})


@bp.post("/computed")
@login_required
def computed_column():
    body = request.get_json()
    expr = body["expression"]  # e.g. "value * dilution / 1000"
    rows = ReportRepository().results_for_assay(body["assay"], body.get("analytes", []))
    for r in rows:
        scope = dict(r, dilution=float(body.get("dilution", 1)))
        r["computed"] = eval(expr, {"__builtins__": {}, **SAFE_MATH}, scope)  #@vuln CWE-95
    return jsonify(rows)


@bp.get("/flags")
@login_required
def flag_results():
    # thresholds come in as a python/JSON literal, e.g. {"Pb": 10, "Cd": 2}
    thresholds = ast.literal_eval(request.args.get("thresholds", "{}"))  #@safe
    rows = ReportRepository().results_for_assay(request.args.get("assay", "ICPMS"), list(thresholds))
    return jsonify([r for r in rows if r["value"] is not None and r["value"] > thresholds.get(r["analyte"], math.inf)])


@bp.post("/preview")
@login_required
def preview():
    body = request.get_json()
    rows = ReportRepository().results_for_assay(body["assay"], body.get("analytes", []))
    columns = ["sample_id", "analyte", "value", "unit"]
    # customers can put their own header (logo, address) above the table
    header = body.get("header_template", "<h2>Results</h2>")
    return render_template_string(header + REPORT_BODY, rows=rows, columns=columns)  #@vuln CWE-1336


@bp.post("/preview-plain")
@login_required
def preview_plain():
    body = request.get_json()
    rows = ReportRepository().results_for_assay(body["assay"], body.get("analytes", []))
    columns = ["sample_id", "analyte", "value", "unit"]
    return render_template_string("<h2>{{ title }}</h2>" + REPORT_BODY, title=body.get("title", "Results"), rows=rows, columns=columns)  #@safe


@bp.get("/summary")
@login_required
def summary_page():
    title = request.args.get("title", "Monthly summary")
    rows = ReportRepository().turnaround(dt.date.today() - dt.timedelta(days=30), dt.date.today(), "project_code")
    items = "".join(f"<li>{r['grp']}: {r['n']} samples</li>" for r in rows)
    return Response(f"<html><body><h1>{title}</h1><ul>{items}</ul></body></html>", mimetype="text/html")  #@vuln CWE-79


@bp.post("/definitions/load")
@login_required
def load_definition():
    # saved report definitions are exported from the desktop tool as base64 pickles
    blob = request.get_json()["definition"]
    definition = pickle.loads(base64.b64decode(blob))  #@vuln CWE-502
    rows = ReportRepository().results_for_assay(definition["assay"], definition["analytes"])
    return jsonify(definition=definition, rows=rows)


@bp.post("/reference-ranges/import")
@login_required
def import_reference_ranges():
    # pull reference ranges published by the partner lab (URL pasted by the user)
    src = request.get_json()["url"]
    resp = requests.get(src, timeout=15)  #@vuln CWE-918
    resp.raise_for_status()
    ranges = resp.json()
    return jsonify(imported=len(ranges))


@bp.post("/schedule")
@login_required
def schedule_report():
    body = request.get_json()
    rows = ReportRepository().results_for_assay(body["assay"], body.get("analytes", []))
    callback = body.get("callback_url")
    if callback:
        post_webhook(callback, {"assay": body["assay"], "rows": len(rows)})
    return jsonify(rows=len(rows)), 202
