"""Admin UI routes (mounted at /admin)."""
import ast
import os
import re
from urllib.parse import urlparse

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, render_template_string, request
from flask import send_file, send_from_directory, session, url_for
from markupsafe import Markup
from werkzeug.utils import secure_filename

from common.config import load_job_definition
from infra_admin import services
from infra_admin.auth import ldap_lookup

bp = Blueprint("admin", __name__)

RUNBOOK_DIR = "/srv/infra-admin/runbooks"
LOG_DIR = "/var/log/infra"
REPORT_DIR = "/srv/infra-admin/reports"
JOB_DIR = "/srv/infra-admin/jobs"
GRAFANA_PREFIX = "https://grafana.corp.internal"


def _is_local_url(target):
    parsed = urlparse(target)
    return not parsed.scheme and not parsed.netloc and target.startswith("/") and not target.startswith("//")


@bp.before_request
def _require_login():
    if "user" not in session:
        return redirect(url_for("auth.login", next=request.path))


# --- inventory -------------------------------------------------------------

@bp.route("/hosts")
def hosts():
    q = request.args.get("q", "")
    env = request.args.get("env", "prod")
    return render_template("hosts.html", rows=services.search_hosts(q, env), q=q, env=env)


@bp.route("/hosts/by/<field>")
def hosts_by(field):
    try:
        rows = services.hosts_by_field(field, request.args.get("value", ""))
    except ValueError:
        abort(400)
    return jsonify(rows)


@bp.route("/hosts/<hostname>/changes")
def changes(hostname):
    rows = services.change_log(hostname, request.args.get("limit", "50"))
    items = "".join(f"<li>{r['ts']:%Y-%m-%d %H:%M} <b>{r['author']}</b> {r['summary']}</li>" for r in rows)
    return f"<h2>Changes for {hostname}</h2><ul>{items}</ul>"  #@vuln CWE-79


@bp.route("/hosts/<hostname>/metrics")
def host_metrics(hostname):
    text = services.node_metrics(hostname, request.args.get("port", "9100"))
    return Response(text, mimetype="text/plain")


@bp.route("/search")
def search():
    q = request.args.get("q", "")
    rows = services.search_hosts(q, request.args.get("env", "prod"))
    if not rows:
        message = Markup(f"No hosts match <code>{q}</code>. Try a shorter prefix.")  #@vuln CWE-79
        return render_template("empty.html", message=message)
    return render_template("hosts.html", rows=rows, q=q)


@bp.route("/people")
def people():
    term = request.args.get("q", "")
    entries = ldap_lookup(term) if term else []
    hint = Markup("Showing matches for <code>%s</code>") % term  #@safe
    return render_template("people.html", entries=entries, hint=hint)


# --- logs, runbooks, reports ---------------------------------------------

@bp.route("/logs")
def view_log():
    fname = request.args.get("file", "syslog")
    path = os.path.join(LOG_DIR, fname)
    if not os.path.isfile(path):
        return f"<p>No such log: {fname}</p>", 404  #@vuln CWE-79
    with open(path, errors="replace") as fh:  #@vuln CWE-22
        lines = fh.readlines()[-5000:]
    pattern = request.args.get("grep")
    if pattern:
        rx = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
        lines = [line for line in lines if rx.search(line)]
    return Response("".join(lines), mimetype="text/plain")


@bp.route("/logs/find")
def find_in_logs():
    needle = request.args.get("text", "")
    rx = re.compile(re.escape(needle), re.IGNORECASE)  #@safe
    hits = []
    for name in sorted(os.listdir(LOG_DIR)):
        full = os.path.join(LOG_DIR, name)
        if os.path.isfile(full):
            with open(full, errors="replace") as fh:
                hits.extend(f"{name}: {line.rstrip()}" for line in fh if rx.search(line))
    return Response("\n".join(hits[-1000:]), mimetype="text/plain")


@bp.route("/logs/download")
def download_log():
    fname = request.args.get("file", "")
    full = os.path.realpath(os.path.join(LOG_DIR, fname))
    if not full.startswith(os.path.realpath(LOG_DIR) + os.sep):
        abort(404)
    return send_file(full, as_attachment=True)  #@safe


@bp.route("/runbooks/<path:name>")
def runbook(name):
    return send_from_directory(RUNBOOK_DIR, name)  #@safe


@bp.route("/runbooks", methods=["POST"])
def upload_runbook():
    f = request.files["runbook"]
    f.save(os.path.join(RUNBOOK_DIR, secure_filename(f.filename)))  #@safe
    return redirect(url_for("admin.runbook", name=secure_filename(f.filename)))


@bp.route("/reports")
def report():
    name = request.args.get("name", "")
    return send_file(os.path.join(REPORT_DIR, name), as_attachment=True)  #@vuln CWE-22


@bp.route("/jobs", methods=["POST"])
def upload_job():
    f = request.files["job"]
    job = load_job_definition(f.read())
    f.stream.seek(0)
    f.save(os.path.join(JOB_DIR, f.filename))  #@vuln CWE-22
    return jsonify({"name": job.get("name"), "steps": len(job.get("steps", []))})


# --- network tools ----------------------------------------------------------

@bp.route("/tools/ping", methods=["POST"])
def tool_ping():
    return jsonify({"output": services.ping(request.form["host"])})


@bp.route("/tools/traceroute", methods=["POST"])
def tool_traceroute():
    try:
        return jsonify({"output": services.traceroute(request.form["host"])})
    except ValueError:
        abort(400)


@bp.route("/tools/dns")
def tool_dns():
    return jsonify({"output": services.dns_lookup(request.args["name"], request.args.get("type", "A"))})


@bp.route("/tools/probe", methods=["POST"])
def tool_probe():
    return jsonify(services.probe(request.form["url"]))


# --- notifications ----------------------------------------------------------

@bp.route("/notify/test", methods=["POST"])
def notify_test():
    try:
        status = services.notify(request.form["url"], f"test message from {session['user']['uid']}")
    except ValueError as exc:
        return jsonify({"error": str(exc)}), 400
    return jsonify({"status": status})


@bp.route("/notify/preview", methods=["POST"])
def notify_preview():
    template = request.form.get("template", "")
    return render_template_string(template, host=request.form.get("host", "web-01"), user=session["user"])  #@vuln CWE-1336


@bp.route("/notify/sample")
def notify_sample():
    return render_template_string("<p>[{{ severity }}] {{ host }}: {{ message }}</p>", severity=request.args.get("severity", "info"), host=request.args.get("host", ""), message=request.args.get("message", ""))  #@safe


# --- capacity -----------------------------------------------------------------

@bp.route("/capacity")
def capacity():
    formula = request.args.get("formula", "cpu * 0.8")
    stats = services.capacity_stats()
    value = eval(formula, {"__builtins__": {}}, stats)  #@vuln CWE-95
    return jsonify({"formula": formula, "value": value, "stats": stats})


@bp.route("/capacity/threshold", methods=["POST"])
def set_threshold():
    value = ast.literal_eval(request.form["value"])  #@safe
    if not isinstance(value, (int, float)) or not 0 < value <= 1:
        abort(400)
    session["capacity_threshold"] = value
    return jsonify({"threshold": value})


# --- navigation ---------------------------------------------------------------

@bp.route("/go")
def go():
    target = request.args.get("to", "")
    if not _is_local_url(target):
        target = url_for("admin.hosts")
    return redirect(target)  #@safe


@bp.route("/dashboards")
def dashboards():
    return render_template("dashboards.html", dashboards=services.grafana_dashboards(), stats=services.count_by_field("env"))


@bp.route("/dashboards/open")
def open_dashboard():
    url = request.args.get("url", GRAFANA_PREFIX)
    if not url.startswith(GRAFANA_PREFIX):
        abort(400)
    return redirect(url)  #@vuln CWE-601


@bp.route("/prefs", methods=["POST"])
def prefs():
    theme = "dark" if request.form.get("theme") == "dark" else "light"
    resp = redirect(url_for("admin.hosts"))
    resp.set_cookie("infra_theme", theme, secure=True, httponly=True, samesite="Lax", max_age=365 * 86400)  #@safe
    return resp
