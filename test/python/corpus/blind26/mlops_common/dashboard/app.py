"""Experiment dashboard (Flask): browse runs, compare, re-run with overrides."""
import os
import tempfile

import ldap
from ldap.filter import escape_filter_chars
from flask import Flask, abort, jsonify, redirect, render_template, render_template_string, request, send_file, session, url_for
from markupsafe import Markup, escape
from sqlalchemy import create_engine, text

from mlops_common import artifacts, config_loader, crypto

app = Flask(__name__)
app.secret_key = os.environ["DASHBOARD_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

LDAP_URL = "ldaps://ldap.corp.acme.io"
LDAP_BASE = "ou=people,dc=acme,dc=io"
LDAP_BIND_DN = "cn=mlops-dashboard,ou=services,dc=acme,dc=io"
LDAP_BIND_PW = "D4shb0ard-svc-2022"  #@vuln CWE-798
engine = create_engine(os.environ.get("MLFLOW_DB_URL", "postgresql+psycopg2://mlflow@mlflow-db/mlflow"))


def _ldap_find(username):
    conn = ldap.initialize(LDAP_URL)
    conn.simple_bind_s(LDAP_BIND_DN, LDAP_BIND_PW)
    return conn, conn.search_s(LDAP_BASE, ldap.SCOPE_SUBTREE, f"(&(objectClass=person)(uid={username}))", ["cn", "mail", "memberOf"])  #@vuln CWE-90


def _ldap_groups(username):
    conn = ldap.initialize(LDAP_URL)
    conn.simple_bind_s(LDAP_BIND_DN, LDAP_BIND_PW)
    return conn.search_s(LDAP_BASE, ldap.SCOPE_SUBTREE, "(&(objectClass=groupOfNames)(member=uid=%s,%s))" % (escape_filter_chars(username), LDAP_BASE), ["cn"])  #@safe


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    username, password = request.form["username"], request.form["password"]
    conn, entries = _ldap_find(username)
    if not entries:
        row = engine.connect().execute(text("SELECT password_hash FROM dashboard_users WHERE username = :u"), {"u": username}).first()
        if not row or not crypto.check_password(password, row[0]):
            abort(401)
    else:
        try:
            conn.simple_bind_s(entries[0][0], password)
        except ldap.INVALID_CREDENTIALS:
            abort(401)
        session["groups"] = [g[1]["cn"][0].decode() for g in _ldap_groups(username)]
    session["user"] = username
    return redirect(url_for("runs"))


@app.route("/runs")
def runs():
    experiment = request.args.get("experiment", "default")
    sort = request.args.get("sort", "start_time")
    sql = f"SELECT r.run_uuid, r.name, r.status, r.start_time FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE e.name = '{experiment}' ORDER BY r.{sort} DESC LIMIT 100"
    with engine.connect() as conn:
        rows = conn.execute(text(sql)).fetchall()  #@vuln CWE-89
    return render_template("runs.html", rows=rows, experiment=experiment)


@app.route("/runs/<run_id>/compare")
def compare(run_id):
    other = request.args.get("other", "")
    title = request.args.get("title", f"{run_id} vs {other}")
    header = Markup(f"<h2 class='cmp-title'>{title}</h2>")  #@vuln CWE-79
    footer = Markup("<p class='hint'>Compared on: {}</p>").format(request.args.get("metric", "val_loss"))  #@safe
    return render_template("compare.html", header=header, footer=footer, run_id=run_id, other=other)


@app.route("/runs/<run_id>/note")
def run_note(run_id):
    note = request.args.get("note", "")
    tmpl = "<div class='note'><b>Run {{ run_id }}</b><p>" + note + "</p></div>"
    return render_template_string(tmpl, run_id=run_id)  #@vuln CWE-1336


@app.route("/runs/<run_id>/banner")
def run_banner(run_id):
    return render_template_string("<div class='banner'>{{ run_id }}: {{ msg }}</div>", run_id=run_id, msg=request.args.get("msg", ""))  #@safe


@app.route("/runs/<run_id>/artifact")
def download_artifact(run_id):
    rel = request.args["path"]
    return send_file(artifacts.artifact_local_path(run_id, rel), as_attachment=True)  #@vuln CWE-22


@app.route("/runs/<run_id>/rerun", methods=["POST"])
def rerun(run_id):
    base = config_loader.load_run_config(run_id)
    overrides = config_loader.parse_config_text(request.form.get("overrides", ""))
    cfg = {**base, **overrides}
    return jsonify({"queued": True, "config": cfg})


@app.route("/predict-preview", methods=["POST"])
def predict_preview():
    body = request.get_json(force=True)
    model = artifacts.load_model_from_uri(body["model_uri"])
    prep = artifacts.load_run_pickle(body["run_id"]) if body.get("run_id") else None
    rows = prep.transform(body["rows"]) if prep else body["rows"]
    return jsonify({"predictions": list(model.predict(rows))})


@app.route("/bundles", methods=["POST"])
def upload_bundle():
    up = request.files["bundle"]
    with tempfile.NamedTemporaryFile(suffix=os.path.splitext(up.filename)[1], delete=False) as tmp:  #@safe
        up.save(tmp)
    dest = os.path.join(artifacts.SCRATCH, "bundles", session.get("user", "anon"))
    if up.filename.endswith(".zip"):
        artifacts.extract_bundle(tmp.name, dest)
    else:
        artifacts.extract_dataset(tmp.name, dest)
    return jsonify({"extracted_to": dest, "name": str(escape(up.filename))})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)  #@vuln CWE-489|CWE-215
