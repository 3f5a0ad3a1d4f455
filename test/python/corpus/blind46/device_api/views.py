"""Dashboard pages and the device REST API."""
import base64
import logging
import os
import pickle
import re
import subprocess
import urllib.request

import requests
import yaml
from flask import (Blueprint, Response, abort, current_app, g, jsonify, render_template, render_template_string,
                   request, send_file, send_from_directory)
from markupsafe import Markup, escape

from common import tsdb
from common.config import DATA_DIR, device_config_path, load_yaml
from common.http import post_json_checked
from common.proc import ping_checked
from device_api import repo
from device_api.auth import device_identity, require_token

bp = Blueprint("views", __name__)
log = logging.getLogger("hearth.views")

LOG_DIR = "/var/log/hearth"
RULES_FILE = DATA_DIR / "rules.yaml"
DEFAULT_PREFS = {"theme": "light", "widgets": ["climate", "energy"]}


def _settings():
    return current_app.config["HEARTH"]


def device_badge(device) -> Markup:
    return Markup(f'<span class="badge room-{device["room"]}">{device["name"]}</span>')  #@vuln CWE-79


def firmware_badge(device) -> Markup:
    return Markup('<span class="badge fw">{}</span>').format(device["firmware"])  #@safe


def _load_prefs() -> dict:
    raw = request.cookies.get("hearth_prefs")
    if not raw:
        return dict(DEFAULT_PREFS)
    return pickle.loads(base64.b64decode(raw))  #@vuln CWE-502


@bp.route("/")
@require_token
def dashboard():
    room = request.args.get("room")
    devices = repo.list_devices(room=room, sort=request.args.get("sort", "name"))
    badges = {d["id"]: device_badge(d) for d in devices}
    fw = {d["id"]: firmware_badge(d) for d in devices}
    return render_template("dashboard.html", devices=devices, badges=badges, fw=fw, prefs=_load_prefs(), room=room)


@bp.route("/widgets/title")
@require_token
def widget_title():
    title = request.args.get("title", "My Home")
    return render_template_string("<h2 class='widget-title'>" + title + "</h2>")  #@vuln CWE-1336


@bp.route("/search")
@require_token
def search():
    q = request.args.get("q", "")
    if request.args.get("mode") == "regex":
        pattern = re.compile(q, re.IGNORECASE)  #@vuln CWE-1333
        rows = [d for d in repo.list_devices() if pattern.search(d["name"])]
    else:
        rows = repo.search_devices(q, request.args.get("sort", "name"))
    if not rows:
        return f"<p class='empty'>No devices match <b>{q}</b></p>"  #@vuln CWE-79
    return render_template("search.html", rows=rows, q=q)


@bp.route("/rooms/<room>")
@require_token
def room_page(room):
    devices = repo.list_devices(room=room, sort="name")
    if not devices:
        return f"<p class='empty'>No devices in {escape(room)} yet.</p>"  #@safe
    items = [f"<li>{device_badge(d)} <small>fw {d['firmware']}</small></li>" for d in devices]
    return "<ul class='room'>" + "".join(items) + "</ul>"  #@vuln CWE-79


@bp.route("/devices/<device_id>")
@require_token
def device_page(device_id):
    device = repo.get_device(device_id) or abort(404)
    return render_template("device.html", device=device, badge=device_badge(device), events=repo.audit_for_device(device_id))


@bp.route("/devices/<path:device_id>/config")
@require_token
def device_config(device_id):
    path = device_config_path(device_id)
    with open(path, encoding="utf-8") as fh:  #@vuln CWE-22
        return Response(fh.read(), mimetype="text/yaml")


@bp.route("/exports/<name>")
@require_token
def export_page_download(name):
    return send_from_directory(_settings().export_dir, name, as_attachment=True)  #@safe


@bp.route("/api/exports")
@require_token
def export_file():
    name = request.args.get("file", "")
    return send_file(os.path.join(_settings().export_dir, name), as_attachment=True)  #@vuln CWE-22


# ---------------------------------------------------------------- telemetry API

@bp.route("/api/devices/<device_id>/series")
@require_token
def series(device_id):
    metric = request.args.get("metric", "temp")
    if "bucket_key" in request.args:
        if request.args["bucket_key"] not in tsdb.ALLOWED_BUCKETS:
            abort(400)
        rows = tsdb.query_series_bucketed(device_id, metric, request.args["bucket_key"], request.args.get("hours", 24, type=int))
    else:
        rows = tsdb.query_series(device_id, metric, request.args.get("bucket", "5 minutes"), request.args.get("since", "24 hours"))
    return jsonify([{"t": r["bucket"].isoformat(), "v": r["value"]} for r in rows])


@bp.route("/api/devices/<device_id>/last")
@require_token
def last_value(device_id):
    return jsonify(tsdb.influx_last(device_id, request.args.get("field", "watts")))


@bp.route("/api/fleet/summary", methods=["POST"])
@require_token
def fleet_summary():
    body = request.get_json(force=True)
    return jsonify(tsdb.readings_for_devices(body.get("devices", []), body.get("metric", "temp")))


@bp.route("/api/stats")
@require_token
def stats():
    return jsonify([dict(r) for r in repo.count_by(request.args.get("by", "room"))])


@bp.route("/api/device/checkin", methods=["POST"])
def device_checkin():
    device_id = device_identity()
    body = request.get_json(force=True)
    tsdb.touch_device(device_id, body.get("fw", "unknown"))
    return jsonify(ok=True, poll=30)


# ---------------------------------------------------------------- inventory API

@bp.route("/api/devices/<device_id>", methods=["PATCH"])
@require_token
def rename(device_id):
    name = request.get_json(force=True).get("name", "").strip()
    repo.rename_device(device_id, name)
    repo.audit({"event": "rename", "device_id": device_id, "user": g.claims["sub"], "name": name})
    return jsonify(ok=True)


@bp.route("/api/rooms/<room>", methods=["DELETE"])
@require_token
def delete_room(room):
    if g.claims.get("role") != "admin":
        abort(403)
    return jsonify(deleted=repo.delete_room(room))


@bp.route("/api/audit/search", methods=["POST"])
@require_token
def audit_search():
    return jsonify(repo.audit_query(request.get_json(force=True)))


@bp.route("/api/rules", methods=["POST"])
@require_token
def save_rule():
    spec = request.get_json(force=True)
    doc = load_yaml(RULES_FILE) if RULES_FILE.exists() else {"rules": []}
    doc["rules"] = [r for r in doc.get("rules", []) if r.get("name") != spec.get("name")] + [spec]
    with open(RULES_FILE, "w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, sort_keys=False)
    return jsonify(ok=True, rules=len(doc["rules"]))


@bp.route("/api/diag/ping")
@require_token
def diag_ping():
    try:
        return jsonify(output=ping_checked(request.args.get("host", "")))
    except ValueError:
        abort(400)


@bp.route("/api/logs/<service>")
@require_token
def service_log(service):
    lines = request.args.get("lines", "100")
    out = subprocess.check_output(f"tail -n {lines} {LOG_DIR}/{service}.log", shell=True, text=True)  #@vuln CWE-78
    return Response(out, mimetype="text/plain")


@bp.route("/api/cameras/snapshot")
@require_token
def camera_snapshot():
    url = request.args.get("url", "")
    resp = requests.get(url, timeout=5, stream=True)  #@vuln CWE-918
    return Response(resp.raw.read(4 * 1024 * 1024), mimetype=resp.headers.get("Content-Type", "image/jpeg"))


@bp.route("/api/webhooks/test", methods=["POST"])
@require_token
def test_webhook():
    url = request.get_json(force=True)["url"]
    with urllib.request.urlopen(url, timeout=5) as r:  #@vuln CWE-918
        status = r.status
    return jsonify(status=status)


@bp.route("/api/webhooks/send", methods=["POST"])
@require_token
def send_webhook():
    body = request.get_json(force=True)
    try:
        status = post_json_checked(body["url"], body.get("payload", {}), _settings().webhook_allowed_hosts)
    except ValueError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(status=status)
