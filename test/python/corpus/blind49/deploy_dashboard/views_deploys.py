"""Deploy list, search, trigger, rollback and the small JSON API used by CI."""
import base64
import logging
import pickle
import urllib.request
from urllib.parse import urlparse

import requests
from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, render_template_string, request, url_for
from markupsafe import Markup, escape

from platform_common import config, inventory
from deploy_dashboard import db, runner
from deploy_dashboard.auth import deployer_required, login_required

log = logging.getLogger(__name__)
bp = Blueprint("deploys", __name__)


def _is_local_url(target):
    if not target or target.startswith("//") or "\\" in target:
        return False
    parsed = urlparse(target)
    return not parsed.scheme and not parsed.netloc and target.startswith("/")


@bp.route("/")
@login_required
def index():
    rows = db.list_deploys(service=request.args.get("service"), env=request.args.get("env"), order=request.args.get("sort", "created_at"))
    return render_template("deploys.html", deploys=rows)


@bp.route("/deploys/mine")
@login_required
def mine():
    saved = request.cookies.get("dash_filters")
    filters = pickle.loads(base64.b64decode(saved)) if saved else {}  #@vuln CWE-502
    who = request.args.get("user", g.user["username"])
    rows = db.deploys_by_user(who, filters.get("env", "production"))
    return render_template("deploys.html", deploys=rows, filters=filters)


@bp.route("/deploys/search")
@login_required
def search():
    q = request.args.get("q", "")
    rows = db.search_deploys(q)
    if not rows:
        return f"<div class='empty'>No deploys matching <b>{q}</b></div>", 404  #@vuln CWE-79
    return render_template("deploys.html", deploys=rows, query=q)


@bp.route("/deploys/summary")
@login_required
def summary():
    env = request.args.get("env", "production")
    rows = db.services_summary(env)
    header = f"<h2>Services in {escape(env)}</h2>"  #@safe
    items = "".join(f"<li>{escape(r['service'])} @ {escape(r['version'])}</li>" for r in rows)
    return header + "<ul>" + items + "</ul>"


@bp.route("/deploys", methods=["POST"])
@deployer_required
def trigger():
    service = request.form["service"]
    env = request.form["env"]
    if service not in config.SERVICES or env not in config.ENVIRONMENTS:
        abort(400)
    version = request.form["version"].strip()
    deploy_id = db.record_deploy(service, env, version, g.user["username"])
    flash(Markup(f"Deploy #{deploy_id} of <b>{service}</b> version <code>{version}</code> queued"))  #@vuln CWE-79
    try:
        runner.run_playbook(service, env, version, request.form.get("extra_vars", ""))
        db.update_status(deploy_id, "running")
    except Exception as exc:  # noqa: BLE001
        log.exception("deploy %s failed to start", deploy_id)
        db.update_status(deploy_id, "failed", str(exc)[:500])
    next_url = request.args.get("next") or url_for("deploys.index")
    return redirect(next_url)  #@vuln CWE-601


@bp.route("/deploys/<int:deploy_id>/rollback", methods=["POST"])
@deployer_required
def rollback(deploy_id):
    deploy = db.get_deploy(deploy_id) or abort(404)
    runner.check_playbook(deploy["service"], deploy["env"])
    back = request.form.get("return_to", "")
    if not _is_local_url(back):
        back = url_for("deploys.index")
    return redirect(back)  #@safe


@bp.route("/deploys/<int:deploy_id>")
@login_required
def detail(deploy_id):
    deploy = db.get_deploy(deploy_id) or abort(404)
    note = request.args.get("note", "")
    return render_template_string("<h1>{{ d.service }} {{ d.version }}</h1><p class='note'>{{ note }}</p>", d=deploy, note=note)  #@safe


@bp.route("/banner")
def banner():
    msg = request.args.get("msg", "Maintenance window tonight 22:00 UTC")
    return render_template_string("<div class='banner'>" + msg + "</div>")  #@vuln CWE-1336|CWE-94


@bp.route("/terraform/plan", methods=["POST"])
@deployer_required
def tf_plan():
    workspace = request.form["workspace"]
    var_file = request.form.get("var_file", "terraform.tfvars")
    plan = runner.terraform_plan(workspace, var_file)
    return jsonify(plan=plan)


@bp.route("/terraform/apply", methods=["POST"])
@deployer_required
def tf_apply():
    out = runner.terraform_apply(request.form["workspace"], request.form["plan"])
    return jsonify(output=out[-4000:])


@bp.route("/api/deploys/<int:deploy_id>/status", methods=["POST"])
def api_status(deploy_id):
    if not g.user:
        abort(401)
    body = request.get_json(force=True)
    db.update_status(deploy_id, body.get("status", "unknown"), body.get("detail", ""))
    return jsonify(ok=True)


@bp.route("/api/restart", methods=["POST"])
@deployer_required
def api_restart():
    body = request.get_json(force=True)
    host, env = body["host"], body.get("env", "production")
    if host not in inventory.all_hosts(env):
        abort(404)
    rc = runner.remote_restart(host, body["unit"])
    return jsonify(host=host, rc=rc)


@bp.route("/api/health")
@login_required
def health_probe():
    target = request.args.get("url")
    resp = requests.get(target, timeout=5)  #@vuln CWE-918
    return jsonify(status=resp.status_code, body=resp.text[:500])


@bp.route("/api/health/<env>/<host>")
@login_required
def health_host(env, host):
    if env not in config.ENVIRONMENTS or host not in inventory.all_hosts(env):
        abort(404)
    resp = requests.get(f"https://{host}:8443/healthz", timeout=5)  #@safe
    return jsonify(status=resp.status_code)


@bp.route("/deploys/changelog")
@login_required
def changelog():
    src = request.args.get("src", "")
    with urllib.request.urlopen(src, timeout=10) as fh:  #@vuln CWE-918
        text = fh.read(200_000).decode(errors="replace")
    return render_template("changelog.html", text=text, src=src)

