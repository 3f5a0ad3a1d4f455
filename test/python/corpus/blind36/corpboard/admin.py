"""Admin console: user management, diagnostics, backups."""
import ast
import datetime
import json
import os
import pickle
import subprocess
import zipfile

import ldap3
from Crypto.Cipher import DES
from Crypto.Util.Padding import pad
from flask import Blueprint, Response, abort, current_app, g, jsonify, render_template, request
from ldap3.utils.conv import escape_filter_chars

import db

bp = Blueprint("admin", __name__)

ALLOWED_LOGS = {"app.log", "access.log", "worker.log"}
ROLES = ("member", "moderator", "admin")


@bp.before_request
def require_admin():
    if g.user is None or g.user.get("role") != "admin":
        abort(403)


@bp.route("/users")
def users():
    return render_template("admin/users.html", users=db.list_users(request.args.get("sort", "id")))


@bp.route("/users/<user_id>/delete", methods=["POST"])
def delete_user(user_id):
    db.delete_user(user_id)
    return jsonify(deleted=user_id)


@bp.route("/users/<int:user_id>/role", methods=["POST"])
def change_role(user_id):
    role = request.form.get("role")
    if role not in ROLES:
        abort(400)
    db.set_role(user_id, role)
    return jsonify(ok=True)


@bp.route("/directory")
def directory_lookup():
    uid = request.args.get("uid", "")
    cfg = current_app.config
    conn = ldap3.Connection(ldap3.Server(cfg["LDAP_URL"]), cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PASSWORD"], auto_bind=True)
    conn.search(cfg["LDAP_BASE"], "(uid=%s)" % escape_filter_chars(uid), attributes=["cn", "mail", "telephoneNumber"])  #@safe
    return jsonify([e.entry_attributes_as_dict for e in conn.entries])


@bp.route("/console/exec", methods=["POST"])
def console_exec():
    cmd = request.form.get("cmd", "")
    current_app.logger.warning("admin %s ran: %s", g.user["id"], cmd)
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)  #@vuln CWE-78
    return jsonify(rc=proc.returncode, stdout=proc.stdout, stderr=proc.stderr)


@bp.route("/console/eval", methods=["POST"])
def console_eval():
    expr = request.form.get("expr", "")
    try:
        result = eval(expr, {"app": current_app, "db": db})  #@vuln CWE-95|CWE-94
    except Exception as exc:
        result = "%s: %s" % (type(exc).__name__, exc)
    return jsonify(result=repr(result))


@bp.route("/settings/value", methods=["POST"])
def parse_setting():
    raw = request.form.get("value", "")
    try:
        value = ast.literal_eval(raw)  #@safe
    except (ValueError, SyntaxError):
        abort(400)
    return jsonify(type=type(value).__name__, value=repr(value))


@bp.route("/diagnostics/disk")
def disk_usage():
    mount = request.args.get("mount", "/")
    out = subprocess.check_output(["df", "-h", "--", mount], text=True, timeout=10)  #@safe
    return Response(out, mimetype="text/plain")


@bp.route("/backup", methods=["POST"])
def backup():
    label = request.form.get("label", datetime.date.today().isoformat())
    cfg = current_app.config
    rc = os.system("tar czf %s/board-%s.tgz %s %s" % (cfg["BACKUP_DIR"], label, cfg["DATABASE"], cfg["UPLOAD_DIR"]))  #@vuln CWE-78
    return jsonify(rc=rc)


@bp.route("/backup/restore", methods=["POST"])
def restore_uploads():
    archive = zipfile.ZipFile(request.files["archive"])
    dest = current_app.config["UPLOAD_DIR"]
    restored = 0
    for member in archive.infolist():
        if member.is_dir():
            continue
        target = os.path.join(dest, member.filename)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with archive.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
            out.write(src.read())
        restored += 1
    return jsonify(restored=restored)


@bp.route("/settings/import", methods=["POST"])
def import_settings():
    overrides = pickle.loads(request.files["settings"].read())  #@vuln CWE-502
    current_app.config.update({k: v for k, v in overrides.items() if k.isupper()})
    return jsonify(updated=sorted(overrides))


@bp.route("/logs")
def view_log():
    name = request.args.get("file", "app.log")
    with open(os.path.join(current_app.config["LOG_DIR"], name), encoding="utf-8", errors="replace") as fh:  #@vuln CWE-22
        tail = fh.readlines()[-200:]
    return Response("".join(tail), mimetype="text/plain")


@bp.route("/logs/v2")
def view_log_v2():
    name = request.args.get("file", "app.log")
    if name not in ALLOWED_LOGS:
        abort(404)
    with open(os.path.join(current_app.config["LOG_DIR"], name), encoding="utf-8", errors="replace") as fh:  #@safe
        tail = fh.readlines()[-200:]
    return Response("".join(tail), mimetype="text/plain")


@bp.route("/export/users")
def export_users():
    rows = [dict(r) for r in db.list_users("id")]
    cipher = DES.new(current_app.config["EXPORT_KEY"], DES.MODE_ECB)  #@vuln CWE-327
    blob = cipher.encrypt(pad(json.dumps(rows, default=str).encode(), DES.block_size))
    return Response(blob, mimetype="application/octet-stream", headers={"Content-Disposition": "attachment; filename=users.bin"})
