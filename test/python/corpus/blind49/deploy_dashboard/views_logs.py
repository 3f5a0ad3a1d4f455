"""Log viewer (local deploy logs + remote tail over SSH) and config previews."""
import os
import re

from flask import Blueprint, Response, abort, render_template, request, send_file, send_from_directory
from markupsafe import escape

from platform_common import config, inventory, templating
from deploy_dashboard import db, runner
from deploy_dashboard.auth import deployer_required, login_required

bp = Blueprint("logs", __name__, url_prefix="/logs")

MAX_LINES = 5000


@bp.route("/deploy/<int:deploy_id>")
@login_required
def deploy_log(deploy_id):
    deploy = db.get_deploy(deploy_id) or abort(404)
    name = request.args.get("file", f"{deploy['service']}-{deploy['env']}.log")
    path = os.path.join(config.LOG_ROOT, name)
    with open(path, errors="replace") as fh:  #@vuln CWE-22
        content = fh.readlines()[-MAX_LINES:]
    return Response("".join(content), mimetype="text/plain")


@bp.route("/download/<path:filename>")
@login_required
def download(filename):
    return send_from_directory(config.LOG_ROOT, filename, as_attachment=True)  #@safe


@bp.route("/archive/<name>")
@login_required
def archived(name):
    root = os.path.realpath(config.ARCHIVE_ROOT)
    full = os.path.realpath(os.path.join(root, name))
    if not full.startswith(root + os.sep):
        abort(404)
    return send_file(full, as_attachment=True)  #@safe


@bp.route("/archive/raw")
@login_required
def archived_raw():
    rel = request.args.get("p", "")
    return send_file(os.path.join(config.ARCHIVE_ROOT, rel), mimetype="text/plain")  #@vuln CWE-22


@bp.route("/remote")
@login_required
def remote_tail():
    env = request.args.get("env", "production")
    host = request.args["host"]
    if env not in config.ENVIRONMENTS or host not in inventory.all_hosts(env):
        abort(404)
    path = request.args.get("path", "/var/log/syslog")
    lines = request.args.get("lines", "200")
    output = runner.remote_tail(host, path, lines)
    return f"<h3>{escape(host)}:{escape(path)}</h3><pre>{escape(output)}</pre>"  #@safe


@bp.route("/remote/df")
@login_required
def remote_df():
    env = request.args.get("env", "production")
    host = request.args["host"]
    if host not in inventory.all_hosts(env):
        abort(404)
    out = runner.remote_disk_usage(host, request.args.get("mount", "/"))
    return Response(out, mimetype="text/plain")


@bp.route("/grep")
@login_required
def grep():
    deploy_id = request.args.get("deploy", type=int)
    deploy = db.get_deploy(deploy_id) or abort(404)
    pattern = request.args.get("pattern", "ERROR")
    rx = re.compile(pattern)  #@vuln CWE-1333
    path = os.path.join(config.LOG_ROOT, f"{deploy['service']}-{deploy['env']}.log")
    with open(path, errors="replace") as fh:
        hits = [line for line in fh if rx.search(line)]
    return render_template("grep.html", hits=hits[-MAX_LINES:], pattern=pattern)


@bp.route("/grep/literal")
@login_required
def grep_literal():
    deploy = db.get_deploy(request.args.get("deploy", type=int)) or abort(404)
    rx = re.compile(re.escape(request.args.get("q", "")), re.IGNORECASE)  #@safe
    path = os.path.join(config.LOG_ROOT, f"{deploy['service']}-{deploy['env']}.log")
    with open(path, errors="replace") as fh:
        hits = [line for line in fh if rx.search(line)]
    return render_template("grep.html", hits=hits[-MAX_LINES:], pattern=request.args.get("q", ""))


@bp.route("/errors")
@login_required
def error_page():
    service = request.args.get("service", "")
    return Response(f"<html><body><h2>No error log for {service}</h2></body></html>", mimetype="text/html")  #@vuln CWE-79


@bp.route("/configs/preview", methods=["POST"])
@deployer_required
def config_preview():
    name = request.form["template"]
    if name not in templating.list_config_templates():
        abort(404)
    values = inventory.parse_values(request.form.get("values", ""))
    return Response(templating.render_config(name, values), mimetype="text/plain")

