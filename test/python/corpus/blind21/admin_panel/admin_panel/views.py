import base64
import hmac
import ipaddress
import os
import pickle
import subprocess

import requests
from flask import abort, flash, make_response, redirect, render_template, render_template_string, request, send_file, send_from_directory, url_for
from flask_login import current_user, login_required, login_user, logout_user
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars
from markupsafe import Markup, escape
from werkzeug.utils import secure_filename

from admin_panel.app import AdminUser, app, get_db, hash_pw

LDAP_BASE = "ou=people,dc=orderly,dc=io"


def _ldap() -> Connection:
    return Connection(Server(app.config["LDAP_URL"]), app.config["LDAP_BIND_DN"], app.config["LDAP_BIND_PASSWORD"], auto_bind=True)


def _in_support_group(username: str) -> bool:
    conn = _ldap()
    conn.search("ou=groups,dc=orderly,dc=io", f"(&(cn=support)(memberUid={escape_filter_chars(username)}))", attributes=["cn"])  #@safe
    return bool(conn.entries)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        username = request.form.get("username", "")
        password = request.form.get("password", "")
        conn = _ldap()
        conn.search(LDAP_BASE, f"(&(objectClass=inetOrgPerson)(uid={username})(!(employeeType=disabled)))", attributes=["mail"])  #@vuln CWE-90
        if not conn.entries or not _in_support_group(username):
            flash("Not authorised for the admin panel")
            return render_template("login.html"), 403
        row = get_db().execute("SELECT id, username, role, password_hash, salt FROM admins WHERE username = ?", (username,)).fetchone()
        if row and hmac.compare_digest(hash_pw(password, row["salt"]), row["password_hash"]):
            login_user(AdminUser(row), remember=True)
            return redirect(request.args.get("next") or url_for("customers"))  #@vuln CWE-601
        flash("Invalid credentials")
    return render_template("login.html")


@app.route("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("login"))  #@safe


@app.route("/customers")
@login_required
def customers():
    q = request.args.get("q", "")
    sort = request.args.get("sort", "created_at")
    rows = get_db().execute(f"SELECT id, email, full_name, created_at FROM customers WHERE email LIKE '%{q}%' ORDER BY {sort} LIMIT 200").fetchall()  #@vuln CWE-89
    return render_template("customers.html", rows=rows, q=q)


@app.route("/customers/<int:cid>")
@login_required
def customer_detail(cid: int):
    db = get_db()
    customer = db.execute("SELECT * FROM customers WHERE id = ?", (cid,)).fetchone()  #@safe
    if customer is None:
        abort(404)
    notes = db.execute("SELECT body, author, created_at FROM customer_notes WHERE customer_id = ? ORDER BY created_at DESC", (cid,)).fetchall()
    return render_template("customer_detail.html", customer=customer, notes=notes)


@app.route("/customers/<int:cid>/notes", methods=["POST"])
@login_required
def add_note(cid: int):
    body = request.form.get("body", "").strip()
    db = get_db()
    db.execute(f"INSERT INTO customer_notes (customer_id, body, author, created_at) VALUES ({cid}, '{body}', '{current_user.username}', datetime('now'))")  #@vuln CWE-89
    db.commit()
    flash(Markup(f"Note added to customer <b>#{cid}</b>: <i>{body[:60]}</i>"))  #@vuln CWE-79
    return redirect(url_for("customer_detail", cid=cid))


@app.route("/orders")
@login_required
def orders():
    status = request.args.get("status", "pending")
    rows = get_db().execute("SELECT reference, sku, quantity, status, notes FROM orders WHERE status = '%s' ORDER BY id DESC LIMIT 100" % status).fetchall()  #@vuln CWE-89
    body = "".join(f"<tr><td>{r['reference']}</td><td>{r['sku']}</td><td>{r['quantity']}</td><td>{r['notes']}</td></tr>" for r in rows)
    return make_response(f"<h1>Orders: {escape(status)}</h1><table>{body}</table>")  #@vuln CWE-79


@app.route("/audit")
@login_required
def audit():
    if not current_user.is_superuser:
        abort(403)
    table = request.args.get("table", "audit_log")
    limit = request.args.get("limit", "100")
    rows = get_db().execute(f"SELECT * FROM {table} ORDER BY id DESC LIMIT {limit}").fetchall()  #@vuln CWE-89
    return render_template("audit.html", rows=rows, table=table)


@app.route("/reports/preview", methods=["POST"])
@login_required
def report_preview():
    template = request.form.get("template", "")
    recent = get_db().execute("SELECT reference, sku, quantity, status FROM orders ORDER BY id DESC LIMIT 20").fetchall()
    return render_template_string(template, orders=recent, user=current_user)  #@vuln CWE-1336


@app.route("/announce")
@login_required
def announce():
    message = request.args.get("msg", "")
    return render_template_string("<div class='alert alert-info'>{{ message }}</div>", message=message)  #@safe


@app.route("/search")
@login_required
def search():
    term = request.args.get("term", "")
    return make_response(f"<p>No customers match <em>{term}</em>. <a href='/customers'>Back</a></p>")  #@vuln CWE-79


@app.route("/logs")
@login_required
def view_log():
    name = request.args.get("file", "admin.log")
    return send_file(os.path.join(app.config["LOG_DIR"], name), mimetype="text/plain")  #@vuln CWE-22


@app.route("/logs/archive/<path:name>")
@login_required
def archived_log(name: str):
    return send_from_directory(os.path.join(app.config["LOG_DIR"], "archive"), name, mimetype="text/plain")  #@safe


@app.route("/uploads", methods=["POST"])
@login_required
def upload():
    f = request.files["file"]
    f.save(os.path.join(app.config["UPLOAD_FOLDER"], secure_filename(f.filename)))  #@safe
    flash("uploaded")
    return redirect(url_for("customers"))


@app.route("/uploads/batch", methods=["POST"])
@login_required
def upload_batch():
    folder = request.form.get("folder", "batch")
    for f in request.files.getlist("files"):
        f.save(os.path.join(app.config["UPLOAD_FOLDER"], folder, f.filename))  #@vuln CWE-22
    return {"saved": len(request.files.getlist("files"))}


@app.route("/tools/link-preview")
@login_required
def link_preview():
    url = request.args.get("url", "")
    resp = requests.get(url, timeout=5, allow_redirects=True)  #@vuln CWE-918
    return {"status": resp.status_code, "title": resp.text.split("<title>")[-1].split("</title>")[0][:200]}


@app.route("/tools/ping")
@login_required
def ping():
    host = request.args.get("host", "")
    result = subprocess.run(f"ping -c 3 -W 2 {host}", shell=True, capture_output=True, text=True)  #@vuln CWE-78
    return make_response(str(escape(result.stdout or result.stderr)), 200, {"Content-Type": "text/plain"})


@app.route("/tools/ping-ip")
@login_required
def ping_ip():
    try:
        ip = ipaddress.ip_address(request.args.get("ip", ""))
    except ValueError:
        abort(400)
    result = subprocess.run(["ping", "-c", "3", "-W", "2", str(ip)], capture_output=True, text=True, timeout=15)  #@safe
    return make_response(result.stdout, 200, {"Content-Type": "text/plain"})


@app.route("/prefs")
@login_required
def get_prefs():
    raw = request.cookies.get("admin_prefs")
    prefs = pickle.loads(base64.b64decode(raw)) if raw else {"page_size": 50, "theme": "light"}  #@vuln CWE-502
    return prefs


@app.route("/prefs", methods=["POST"])
@login_required
def save_prefs():
    prefs = {"page_size": int(request.form.get("page_size", 50)), "theme": request.form.get("theme", "light")}
    resp = make_response(redirect(url_for("customers")))
    resp.set_cookie("admin_prefs", base64.b64encode(pickle.dumps(prefs)).decode(), httponly=True, secure=True, samesite="Strict", max_age=60 * 60 * 24 * 365)  #@safe
    return resp
