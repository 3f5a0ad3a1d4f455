"""Accounts & billing API. Flask app served from Lambda by Zappa (app_function: app.app)."""
import logging
import os
from urllib.parse import urlparse

import boto3
import jwt
import requests
from flask import Flask, abort, jsonify, make_response, redirect, render_template, request, send_file, send_from_directory, session, url_for
from markupsafe import Markup

from services import accounts, db, exports
from settings import get_config

app = Flask(__name__)
app.config.from_object(get_config())
app.teardown_appcontext(db.close)
log = logging.getLogger("accounts-api")

s3 = boto3.client("s3")


@app.after_request
def add_cors_headers(resp):
    origin = request.headers.get("Origin")
    if origin:
        resp.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        resp.headers["Access-Control-Allow-Credentials"] = "true"
        resp.headers["Vary"] = "Origin"
    return resp


def _uid():
    uid = session.get("uid")
    if not uid:
        abort(401)
    return uid


def _is_local_path(target):
    parsed = urlparse(target)
    return target.startswith("/") and not target.startswith("//") and "\\" not in target and not parsed.netloc and not parsed.scheme


@app.route("/")
def index():
    return jsonify(service="accounts-api", stage=app.config["STAGE"])


@app.route("/login", methods=["POST"])
def login():
    form = request.form
    username, password = form.get("username", ""), form.get("password", "")
    user = accounts.ldap_authenticate(username, password) or accounts.local_authenticate(username, password)
    if not user:
        return jsonify(error="invalid credentials"), 401
    session["uid"] = user["uid"]
    resp = make_response(redirect(url_for("dashboard")))
    resp.set_cookie("api_session", accounts.new_session_token(), secure=True, httponly=True, samesite="Lax")  #@safe
    if form.get("remember"):
        resp.set_cookie("remember_me", accounts.new_remember_token(user["uid"]), max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
    return resp


@app.route("/logout")
def logout():
    session.clear()
    return redirect(request.args.get("next") or url_for("index"))  #@vuln CWE-601


@app.route("/switch-workspace")
def switch_workspace():
    target = request.args.get("next", "/dashboard")
    if not _is_local_path(target):
        target = "/dashboard"
    return redirect(target)  #@safe


@app.route("/dashboard")
def dashboard():
    uid = _uid()
    return render_template("dashboard.html", uid=uid, invoices=db.invoices_for(uid))


@app.route("/welcome")
def welcome():
    name = request.args.get("name", "there")
    return f"<h1>Welcome, {name}!</h1><p>Your workspace is being prepared.</p>"  #@vuln CWE-79


@app.route("/profile/<user_id>")
def profile(user_id):
    user = db.get_user(user_id) or abort(404)
    bio = Markup(f"<p class='bio'>{user.get('bio', '')}</p>")  #@vuln CWE-79
    badge = Markup("<span class='badge'>{}</span>").format(user.get("display_name", ""))  #@safe
    return render_template("profile.html", user=user, bio=bio, badge=badge)


@app.route("/profile/avatar", methods=["POST"])
def import_avatar():
    uid = _uid()
    url = (request.get_json(silent=True) or {}).get("url", "")
    resp = requests.get(url, timeout=8)  #@vuln CWE-918
    if resp.status_code != 200 or not resp.headers.get("Content-Type", "").startswith("image/"):
        return jsonify(error="not an image"), 400
    s3.put_object(Bucket=app.config["AVATAR_BUCKET"], Key=f"avatars/{uid}", Body=resp.content, ContentType=resp.headers["Content-Type"])
    return jsonify(ok=True)


@app.route("/users/search")
def users_search():
    _uid()
    return jsonify(users=[{**u, "_id": str(u["_id"])} for u in db.find_users_by_name(request.args.get("q", ""))])


@app.route("/users/filter", methods=["POST"])
def users_filter():
    _uid()
    body = request.get_json(force=True)
    return jsonify(users=[{**u, "_id": str(u["_id"])} for u in db.find_users(body.get("filter", {}))])


@app.route("/billing/plan", methods=["POST"])
def change_plan():
    uid = _uid()
    db.update_plan(uid, request.form.get("plan", "free"))
    return jsonify(ok=True)


@app.route("/billing/invoices")
def invoices():
    uid = _uid()
    memo = request.args.get("memo")
    rows = db.search_invoices(uid, memo) if memo else db.invoices_for(uid, request.args.get("status", "open"))
    return jsonify(invoices=rows)


@app.route("/billing/totals")
def invoice_totals():
    return jsonify(totals=db.invoice_totals(_uid(), request.args.get("by", "status")))


@app.route("/billing/invoices/<int:invoice_id>/pdf")
def invoice_pdf(invoice_id):
    _uid()
    footer = request.args.get("footer", "Acme Corp - thank you for your business")
    out = exports.render_invoice_pdf(url_for("invoice_html", invoice_id=invoice_id, _external=True), footer, app.config["EXPORT_DIR"])
    return send_file(out, mimetype="application/pdf")


@app.route("/billing/invoices/<int:invoice_id>.html")
def invoice_html(invoice_id):
    return render_template("invoice.html", invoice_id=invoice_id)


@app.route("/exports/<path:name>")
def download_export(name):
    uid = _uid()
    path = os.path.join(app.config["EXPORT_DIR"], uid, name)
    return send_file(path, as_attachment=True)  #@vuln CWE-22


@app.route("/reports/<path:name>")
def shared_report(name):
    _uid()
    return send_from_directory(os.path.join(app.config["EXPORT_DIR"], "shared"), name, as_attachment=True)  #@safe


@app.route("/dashboards/import", methods=["POST"])
def import_dashboard():
    uid = _uid()
    layout = exports.load_backup(request.files["backup"].stream)
    db.upsert_user(uid, {"dashboard": layout})
    return jsonify(ok=True, widgets=len(layout.get("widgets", [])))


@app.route("/preferences", methods=["PUT"])
def put_preferences():
    uid = _uid()
    db.upsert_user(uid, {"preferences": exports.load_preferences(request.get_data(as_text=True))})
    return jsonify(ok=True)


@app.route("/billing/statements", methods=["POST"])
def import_statement():
    _uid()
    return jsonify(transactions=exports.parse_statement(request.get_data()))


@app.route("/partner/sync", methods=["POST"])
def partner_sync():
    uid = _uid()
    payload = {"account": uid, "invoices": db.invoices_for(uid, "paid")}
    headers = {"Authorization": f"Bearer {app.config['PARTNER_API_TOKEN']}"}
    resp = requests.post(f"{app.config['PARTNER_API_URL']}/accounts/sync", json=payload, headers=headers, timeout=15, verify=False)  #@vuln CWE-295
    return jsonify(status=resp.status_code)


@app.route("/webhooks/partner", methods=["POST"])
def partner_webhook():
    token = request.headers.get("X-Partner-Token", "")
    claims = jwt.decode(token, options={"verify_signature": False, "verify_exp": True})  #@vuln CWE-347
    account = claims.get("account_id")
    if claims.get("event") == "plan.changed":
        db.update_plan(account, claims.get("plan", "free"))
    return jsonify(received=True)
