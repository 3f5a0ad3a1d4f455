"""Customer portal - Flask application."""
import os
import sqlite3
from urllib.parse import urlparse

from flask import (
    Flask,
    abort,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
)
from markupsafe import Markup, escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("PORTAL_SECRET", "")
app.config["DEBUG"] = True  #@vuln CWE-489|CWE-215

DB_PATH = os.environ.get("PORTAL_DB", "portal.db")
DOWNLOAD_DIR = os.path.realpath(os.path.join(os.path.dirname(__file__), "downloads"))


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.route("/tickets")
def list_tickets():
    status = request.args.get("status", "open")
    cur = get_db().cursor()
    cur.execute(f"SELECT id, subject FROM tickets WHERE status = '{status}'")  #@vuln CWE-89
    return jsonify([dict(r) for r in cur.fetchall()])


@app.route("/tickets/<int:ticket_id>")
def show_ticket(ticket_id):
    cur = get_db().cursor()
    cur.execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,))  #@safe
    row = cur.fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.route("/tickets/search")
def search_tickets():
    term = request.args.get("q", "")
    owner = request.args.get("owner", "")
    sql = "SELECT id, subject FROM tickets WHERE subject LIKE '%%%s%%'" % term
    if owner:
        sql += " AND owner = '{}'".format(owner)
    rows = get_db().execute(sql).fetchall()  #@vuln CWE-89
    return jsonify([dict(r) for r in rows])


@app.route("/tickets/by-owner")
def tickets_by_owner():
    owner = request.args.get("owner", "")
    rows = get_db().execute("SELECT id FROM tickets WHERE owner = :o", {"o": owner}).fetchall()  #@safe
    return jsonify([r["id"] for r in rows])


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    return f"<h1>Welcome back, {name}</h1>"  #@vuln CWE-79


@app.route("/hello-safe")
def hello_safe():
    name = request.args.get("name", "guest")
    return f"<h1>Welcome back, {escape(name)}</h1>"  #@safe


@app.route("/banner")
def banner():
    msg = request.args.get("msg", "")
    resp = make_response("<div class='banner'>" + msg + "</div>")  #@vuln CWE-79
    resp.headers["Cache-Control"] = "no-store"
    return resp


@app.route("/signature")
def signature():
    sig = request.form.get("signature") or request.args.get("signature", "")
    return render_template("signature.html", signature=Markup(sig))  #@vuln CWE-79


@app.route("/signature-preview")
def signature_preview():
    sig = request.args.get("signature", "")
    return render_template("signature.html", signature=sig)  #@safe


@app.route("/greeting-card")
def greeting_card():
    template = request.args.get("template", "Hello {{ name }}")
    return render_template_string(template, name="friend")  #@vuln CWE-1336|CWE-94


@app.route("/greeting-card-fixed")
def greeting_card_fixed():
    name = request.args.get("name", "friend")
    return render_template_string("<p>Hello {{ name }}</p>", name=name)  #@safe


@app.route("/files/<path:filename>")
def download(filename):
    return send_file(os.path.join(DOWNLOAD_DIR, filename))  #@vuln CWE-22


@app.route("/files-safe/<path:filename>")
def download_safe(filename):
    return send_from_directory(DOWNLOAD_DIR, filename)  #@safe


@app.route("/attachments")
def attachment():
    name = request.args.get("name", "")
    full = os.path.realpath(os.path.join(DOWNLOAD_DIR, secure_filename(name)))
    if not full.startswith(DOWNLOAD_DIR + os.sep):
        abort(400)
    with open(full, "rb") as fh:  #@safe
        data = fh.read()
    return make_response(data)


@app.route("/logs")
def read_log():
    log_name = request.args.get("file", "app.log")
    with open("/var/log/portal/" + log_name) as fh:  #@vuln CWE-22
        return fh.read(), 200, {"Content-Type": "text/plain"}


@app.route("/login/complete")
def login_complete():
    target = request.args.get("next", "/")
    return redirect(target)  #@vuln CWE-601


@app.route("/logout")
def logout():
    target = request.args.get("next", "/")
    parts = urlparse(target)
    if parts.netloc or parts.scheme or not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    return redirect(target)  #@safe


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)  #@vuln CWE-489|CWE-215
