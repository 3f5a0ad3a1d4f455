"""Operations endpoints for pharmacy managers and the on-call engineer."""
import io
import json
import os
import subprocess
import zipfile
from urllib.parse import urlparse

import requests
import yaml
from flask import Blueprint, current_app, jsonify, redirect, request
from jinja2 import Template
from ldap3 import SUBTREE

from pharmacy_api import repository
from pharmacy_api.auth import _ldap_connection, require_role
from rxcommon import security

admin_bp = Blueprint("admin", __name__)

WEBHOOK_HOST_SUFFIXES = (".rxbridge.health", ".rxbridge-partners.net")


def _report_definition(spec):
    return {
        "name": spec.get("name", "adhoc"),
        "store": spec.get("store", "MAIN"),
        "window_days": int(spec.get("window_days", 7)),
        "columns": spec.get("columns", []),
    }


@admin_bp.post("/reports/run")
@require_role("manager")
def run_report():
    spec = yaml.load(request.get_data(as_text=True), Loader=yaml.Loader)  #@vuln CWE-502
    definition = _report_definition(spec)
    counts = repository.dashboard_counts(definition["store"], definition["window_days"])
    return jsonify(report=definition["name"], counts=counts)


@admin_bp.post("/reports/schedule")
@require_role("manager")
def schedule_report():
    spec = yaml.safe_load(request.get_data(as_text=True)) or {}  #@safe
    definition = _report_definition(spec)
    return jsonify(scheduled=definition), 202


@admin_bp.get("/audit")
@require_role("manager")
def audit_log():
    rows = repository.audit_events(
        actor=request.args.get("actor"), order_by=request.args.get("order", "occurred_at")
    )
    return jsonify(rows)


@admin_bp.post("/backup/restore")
@require_role("manager")
def restore_backup():
    archive = request.files["archive"]
    dest = os.path.join(current_app.config["RESTORE_ROOT"], archive.filename.rsplit(".", 1)[0])
    os.makedirs(dest, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(archive.read())) as zf:
        zf.extractall(dest)  #@vuln CWE-22
    repository.record_audit("manager", "restore_backup", dest)
    return jsonify(restored_to=dest)


@admin_bp.get("/system/disk")
@require_role("manager")
def disk_usage():
    mount = request.args.get("mount", "/srv/rxbridge")
    output = os.popen(f"df -h {mount}").read()  #@vuln CWE-78
    return jsonify(output=output.splitlines())


@admin_bp.get("/system/uptime")
@require_role("manager")
def uptime():
    result = subprocess.run(["uptime", "-p"], capture_output=True, text=True, timeout=5)  #@safe
    return jsonify(uptime=result.stdout.strip())


@admin_bp.post("/webhooks/test")
@require_role("manager")
def test_webhook():
    payload = request.get_json(force=True)
    body = json.dumps({"event": "test", "source": "rxbridge"}).encode()
    headers = {
        "Content-Type": "application/json",
        "X-RxBridge-Signature": security.webhook_signature(body, payload.get("secret", "")),
    }
    resp = requests.post(payload["url"], data=body, headers=headers, timeout=10)  #@vuln CWE-918
    return jsonify(status=resp.status_code, body=resp.text[:500])


@admin_bp.post("/webhooks/register")
@require_role("manager")
def register_webhook():
    payload = request.get_json(force=True)
    url = payload["url"]
    parsed = urlparse(url)
    if parsed.scheme != "https" or not (parsed.hostname or "").endswith(WEBHOOK_HOST_SUFFIXES):
        return jsonify(error="webhook host not permitted"), 400
    resp = requests.post(url, json={"event": "ping"}, timeout=10)  #@safe
    return jsonify(registered=url, ping_status=resp.status_code), 201


@admin_bp.post("/templates/preview")
@require_role("manager")
def preview_template():
    body = request.form["body"]
    sample = {"first_name": "Jordan", "drug_name": "Atorvastatin 20 mg", "store": "MAIN"}
    rendered = Template(body).render(**sample)  #@vuln CWE-1336
    return jsonify(preview=rendered)


@admin_bp.get("/ldap/members")
@require_role("manager")
def group_members():
    group = request.args.get("group", "pharmacists")
    conn = _ldap_connection()
    conn.search(  #@vuln CWE-90
        current_app.config["LDAP_GROUP_BASE_DN"],
        "(&(objectClass=groupOfNames)(cn=" + group + "))",
        SUBTREE,
        attributes=["member"],
    )
    members = [m for entry in conn.entries for m in entry.member.values]
    return jsonify(group=group, members=members)


@admin_bp.get("/go")
@require_role("manager")
def external_link():
    return redirect(request.args.get("url", "/"))  #@vuln CWE-601
