"""Team ops dashboard (Flask): incidents, people, alerts, runbooks, integrations."""
import base64
import logging
import os
import pickle
import random

import jwt
import requests
from flask import (Flask, abort, jsonify, make_response, redirect, render_template,
                   request, send_file, send_from_directory, url_for)
from markupsafe import Markup, escape

from common import crypto, db, render

log = logging.getLogger("dashboard")

RUNBOOK_DIR = "/srv/runbooks"
GRAFANA = "http://grafana.internal:3000"
DEFAULT_LAYOUT = {"widgets": ["incidents", "oncall", "deploys"]}

app = Flask(__name__, template_folder="templates")
app.secret_key = "dash-7f3a9c-dev-secret"  #@vuln CWE-798


def current_user():
    token = request.cookies.get("dash_session")
    if not token:
        return None
    with db.pg_cursor() as cur:
        cur.execute("SELECT u.id, u.handle, u.email FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token = %s AND s.expires_at > now()", (token,))  #@safe
        return cur.fetchone()


def _start_session(user_id):
    token = "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330
    with db.pg_cursor() as cur:
        cur.execute("INSERT INTO sessions (token, user_id, expires_at) VALUES (%s, %s, now() + interval '7 days')", (token, user_id))
    return token


def _load_layout():
    raw = request.cookies.get("layout")
    if not raw:
        return DEFAULT_LAYOUT
    return pickle.loads(base64.b64decode(raw))  #@vuln CWE-502


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", "/"))
    handle = request.form.get("handle", "")
    password = request.form.get("password", "")
    with db.pg_cursor() as cur:
        cur.execute("SELECT id, password_hash FROM users WHERE handle = %s", (handle,))
        user = cur.fetchone()
    if not user or user["password_hash"] != crypto.hash_password(password):
        return render_template("login.html", error="Invalid login", next=request.form.get("next", "/")), 401
    token = _start_session(user["id"])
    resp = redirect(request.form.get("next") or "/")  #@vuln CWE-601
    resp.set_cookie("dash_session", token, max_age=7 * 86400)  #@vuln CWE-614|CWE-1004
    return resp


@app.route("/sso/callback")
def sso_callback():
    id_token = request.args.get("id_token", "")
    claims = jwt.decode(id_token, options={"verify_signature": False, "verify_aud": False})  #@vuln CWE-347
    user = db.fetch_user_by_handle(claims["email"].split("@")[0])
    if not user:
        abort(403)
    resp = redirect(request.args.get("state") or "/")  #@vuln CWE-601
    resp.set_cookie("dash_session", _start_session(user["id"]), secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@app.route("/logout")
def logout():
    resp = redirect(url_for("login"))  #@safe
    resp.delete_cookie("dash_session")
    return resp


@app.route("/")
def index():
    user = current_user()
    if not user:
        return redirect(url_for("login", next=request.path))
    incidents = db.list_incidents(order_by=request.args.get("sort", "opened_at"))
    rows = Markup("").join(render.incident_row(i) for i in incidents)
    banner = render.banner(request.args["announce"]) if "announce" in request.args else ""
    return render_template("index.html", user=user, rows=rows, banner=banner, layout=_load_layout())


@app.route("/search")
def search():
    q = request.args.get("q", "")
    rows = db.search_incidents(q) if q else []
    items = "".join(f"<li><a href='/incidents/{r['id']}'>{escape(r['title'])}</a></li>" for r in rows)
    return f"<h2>Results for {q}</h2><ul>{items}</ul>"  #@vuln CWE-79


@app.route("/api/incidents")
def api_incidents():
    sort = request.args.get("sort", "opened_at")
    direction = request.args.get("dir", "desc")
    with db.pg_cursor() as cur:
        cur.execute("SELECT id, title, severity, status, opened_at FROM incidents ORDER BY " + sort + " " + direction + " LIMIT 100")  #@vuln CWE-89
        return jsonify(cur.fetchall())


@app.route("/people/<handle>")
def person(handle):
    user = db.fetch_user_by_handle(handle)
    if not user:
        abort(404)
    return render_template("person.html", u=user, bio=Markup(user["bio"] or ""))  #@vuln CWE-79


@app.route("/profile", methods=["POST"])
def profile():
    user = current_user() or abort(401)
    with db.pg_cursor() as cur:
        cur.execute("UPDATE users SET bio = %s WHERE id = %s", (request.form.get("bio", ""), user["id"]))
    name = request.form.get("display_name") or user["handle"]
    return make_response(f"<p>Profile saved, {escape(name)}.</p>")  #@safe


@app.route("/alerts/preview", methods=["POST"])
def alert_preview():
    sample = {"service": "api", "severity": "critical", "summary": "p99 latency > 2s for 10m"}
    return jsonify(preview=render.render_notification(request.form.get("template", ""), sample))


@app.route("/runbooks/raw")
def runbook_raw():
    name = request.args.get("name", "index.md")
    return send_file(os.path.join(RUNBOOK_DIR, name), mimetype="text/plain")  #@vuln CWE-22


@app.route("/runbooks/<path:name>")
def runbook(name):
    return send_from_directory(RUNBOOK_DIR, name)  #@safe


@app.route("/grafana/render")
def grafana_render():
    panel = request.args.get("panel", "")
    r = requests.get(GRAFANA + panel, timeout=10)  #@vuln CWE-918
    return r.content, r.status_code, {"Content-Type": r.headers.get("Content-Type", "image/png")}


@app.route("/grafana/dashboards/<int:dash_id>")
def grafana_dashboard(dash_id):
    r = requests.get(f"{GRAFANA}/api/dashboards/id/{dash_id}", timeout=10)  #@safe
    return jsonify(r.json()), r.status_code


@app.route("/integrations/test", methods=["POST"])
def integration_test():
    url = request.form["webhook_url"]
    r = requests.post(url, json={"text": "Test message from the ops dashboard"}, timeout=5)  #@vuln CWE-918
    return jsonify(status=r.status_code, body=r.text[:500])


@app.errorhandler(404)
def not_found(_e):
    return f"<h1>Not found</h1><p>Nothing lives at {request.path}</p>", 404  #@vuln CWE-79


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)  #@vuln CWE-489|CWE-215
