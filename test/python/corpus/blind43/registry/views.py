"""Registry web app + JSON API (Flask)."""
import logging
import secrets

import requests
from flask import Blueprint, Flask, abort, jsonify, make_response, redirect, render_template, render_template_string, request, send_file, send_from_directory, session
from markupsafe import Markup

from common import settings
from common.auth import decode_user_token, issue_token, ldap_groups_for
from common.crypto import generate_api_key, token_fingerprint, verify_password
from common.http_client import post_webhook, safe_redirect_target
from registry import artifacts
from registry.store import RunMetadataStore, RunStore

log = logging.getLogger(__name__)
bp = Blueprint("registry", __name__)
runs = RunStore()
meta = RunMetadataStore()

SUMMARY_TEMPLATE = """
<div class="run-summary">
  <h2>{{ run.run_name }}</h2>
  <p class="status status-{{ run.status|lower }}">{{ run.status }}</p>
"""


def current_user() -> dict:
    token = request.cookies.get("registry_token") or request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        return decode_user_token(token)
    except Exception:
        abort(401)


@bp.get("/api/runs/search")
def search_runs():
    current_user()
    experiment_id = request.args.get("experiment_id", type=int)
    if experiment_id is None:
        abort(400)
    rows = runs.search_runs(experiment_id, status=request.args.get("status"), name_like=request.args.get("q"), limit=request.args.get("limit", 100, type=int))
    return jsonify(rows)


@bp.get("/api/experiments")
def experiments():
    return jsonify(runs.list_experiments(request.args.get("order_by", "created_at")))


@bp.get("/api/experiments/<int:experiment_id>/leaderboard")
def leaderboard(experiment_id: int):
    metric = request.args.get("metric", "val_auc")
    direction = request.args.get("dir", "DESC")
    return jsonify(runs.top_runs_by_metric(experiment_id, metric, direction))


@bp.post("/api/runs/<run_id>/tags")
def set_tag(run_id: str):
    current_user()
    body = request.get_json(force=True)
    runs.set_tag(run_id, body["key"], str(body["value"]))
    return jsonify({"ok": True})


@bp.get("/api/users/<user_id>/run-count")
def user_run_count(user_id: str):
    return jsonify({"user": user_id, "runs": runs.run_count_for_user(user_id)})


@bp.get("/api/runs/by-metric")
def runs_by_metric():
    return jsonify(meta.runs_with_metric_above(request.args["metric"], request.args.get("gt", "0")))


@bp.get("/api/runs/<run_id>/artifacts/list")
def list_artifacts(run_id: str):
    return jsonify(artifacts.list_artifacts(run_id, request.args.get("prefix", "")))


@bp.get("/api/runs/<run_id>/artifacts/raw")
def get_artifact_raw(run_id: str):
    fh = artifacts.open_artifact(run_id, request.args["path"])
    return send_file(fh, download_name=request.args["path"].rsplit("/", 1)[-1], as_attachment=True)


@bp.get("/api/runs/<run_id>/artifacts/download")
def get_artifact(run_id: str):
    try:
        path = artifacts.checked_artifact_path(run_id, request.args["path"])
    except FileNotFoundError:
        abort(404)
    return send_file(path, as_attachment=True)  #@safe


@bp.get("/api/runs/<run_id>/artifacts/static/<path:filename>")
def get_artifact_static(run_id: str, filename: str):
    return send_from_directory(settings.ARTIFACT_ROOT / run_id / "artifacts", filename)


@bp.post("/api/runs/<run_id>/artifacts/bundle")
def upload_bundle(run_id: str):
    user = current_user()
    if "ci" in user.get("scopes", []):
        dest = artifacts.unpack_bundle(run_id, request.files["bundle"].stream)
    else:
        dest = artifacts.unpack_bundle_strict(run_id, request.files["bundle"].stream)
    return jsonify({"stored": str(dest)})


@bp.post("/api/runs/<run_id>/artifacts/pmml")
def pmml_info(run_id: str):
    return jsonify(artifacts.parse_pmml_header(request.get_data()))


@bp.get("/runs/<run_id>")
def run_page(run_id: str):
    run = runs.get_run(run_id) or abort(404)
    return render_template("run.html", run=run, versions=runs.model_versions(run["run_name"]))


@bp.get("/runs/<run_id>/summary")
def run_summary(run_id: str):
    run = runs.get_run(run_id) or abort(404)
    # description is markdown-ish html written by the run owner; appended so it renders inline
    return render_template_string(SUMMARY_TEMPLATE + (run["description"] or "") + "</div>", run=run)  #@vuln CWE-1336


@bp.get("/runs/<run_id>/badge")
def run_badge(run_id: str):
    run = runs.get_run(run_id) or abort(404)
    label = request.args.get("label", run["run_name"])
    resp = make_response(f'<span class="badge badge-{run["status"].lower()}">{label}: {run["status"]}</span>')  #@vuln CWE-79
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp


@bp.app_template_filter("run_link")
def run_link(run: dict) -> Markup:
    return Markup(f'<a href="/runs/{run["run_uuid"]}">{run["run_name"]}</a>')  #@vuln CWE-79


@bp.app_template_filter("stage_chip")
def stage_chip(stage: str) -> Markup:
    return Markup('<span class="chip">{}</span>').format(stage)  #@safe


@bp.post("/api/experiments/<int:experiment_id>/webhooks")
def register_webhook(experiment_id: int):
    user = current_user()
    url = request.get_json(force=True)["url"]
    # ping it first so people notice typos right away
    ping = requests.post(url, json={"event": "ping", "experiment_id": experiment_id}, timeout=5)  #@vuln CWE-918
    runs.save_webhook(experiment_id, url, user["sub"])
    return jsonify({"registered": True, "ping_status": ping.status_code})


@bp.post("/api/experiments/<int:experiment_id>/notify")
def notify(experiment_id: int):
    body = request.get_json(force=True)
    status = post_webhook(body["url"], {"event": body.get("event", "manual"), "experiment_id": experiment_id})
    return jsonify({"status": status})


@bp.post("/api/keys")
def create_api_key():
    user = current_user()
    key = generate_api_key()
    runs.save_api_key(user["sub"], token_fingerprint(key), request.get_json(force=True).get("label", ""))
    return jsonify({"key": key})


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", "/"))
    username = request.form["username"]
    account = runs.local_user(username)
    if not account or not verify_password(request.form["password"], account["password_hash"]):
        return render_template("login.html", error="invalid credentials"), 401
    groups = ldap_groups_for(username)
    scopes = ["admin"] if account["is_admin"] or any("ml-admins" in g for g in groups) else ["user"]
    resp = redirect(request.form.get("next") or request.args.get("next", "/"))  #@vuln CWE-601
    resp.set_cookie("registry_token", issue_token(username, scopes), secure=True, httponly=False, samesite="Lax")  #@vuln CWE-1004
    resp.set_cookie("registry_csrf", session.setdefault("csrf", secrets.token_urlsafe(24)), secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


@bp.get("/logout")
def logout():
    resp = redirect(safe_redirect_target(request.args.get("next")))  #@safe
    resp.delete_cookie("registry_token")
    return resp


def create_app() -> Flask:
    app = Flask(__name__, template_folder="templates")
    app.config["SECRET_KEY"] = "a8f5f167f44f4964e6c998dee827110c"  #@vuln CWE-798
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["MAX_CONTENT_LENGTH"] = 512 * 1024 * 1024
    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=5000, debug=True)  #@vuln CWE-489|CWE-215
