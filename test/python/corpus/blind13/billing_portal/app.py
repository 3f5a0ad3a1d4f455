import hashlib
import os
import random
import string
from urllib.parse import urlparse

from flask import (Flask, abort, flash, jsonify, redirect, render_template,
                   render_template_string, request,
                   send_from_directory, url_for)
from flask_login import (LoginManager, UserMixin, current_user, login_required,
                         login_user, logout_user)
from flask_sqlalchemy import SQLAlchemy
from markupsafe import escape
from sqlalchemy import text
from werkzeug.security import check_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = "portal-dev-secret-key-not-real-0000"  #@vuln CWE-798
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///portal.db")
app.config["UPLOAD_FOLDER"] = os.environ.get("UPLOAD_FOLDER", "/srv/portal/uploads")
app.config["REPORT_FOLDER"] = os.environ.get("REPORT_FOLDER", "/srv/portal/reports")
db = SQLAlchemy(app)
login_manager = LoginManager(app)

ALLOWED_EXTENSIONS = {"csv", "pdf", "xlsx"}
EDITABLE_PROFILE_FIELDS = ("display_name", "locale")

class User(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True, nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    display_name = db.Column(db.String(120))
    locale = db.Column(db.String(16), default="en")
    plan = db.Column(db.String(32), default="free")
    reset_token = db.Column(db.String(64))
    remember_digest = db.Column(db.String(64))

@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))

def is_safe_redirect(target):
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    return not urlparse(target).netloc

@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        email = request.form["email"].strip().lower()
        row = db.session.execute(text("SELECT id, password_hash FROM user WHERE email = :email"),  #@safe
                                 {"email": email}).first()
        if row and check_password_hash(row.password_hash, request.form["password"]):
            login_user(db.session.get(User, row.id))
            target = request.args.get("next", "/dashboard")
            resp = redirect(target if is_safe_redirect(target) else url_for("dashboard"))  #@safe
            if request.form.get("remember"):
                token = hashlib.sha256(os.urandom(32)).hexdigest()
                current_user.remember_digest = hashlib.sha256(token.encode()).hexdigest()
                db.session.commit()
                resp.set_cookie("remember_token", token, max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
            return resp
        flash("Invalid email or password")
    return render_template("login.html")

@app.route("/logout")
def logout():
    logout_user()
    return redirect(request.args.get("return_to") or url_for("login"))  #@vuln CWE-601

@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    user = User.query.filter_by(email=request.form["email"].strip().lower()).first()
    if user:
        user.reset_token = "".join(random.choices(string.ascii_letters + string.digits, k=40))  #@vuln CWE-338|CWE-330
        db.session.commit()
    return jsonify({"status": "ok"})

@app.route("/invoices/upload", methods=["POST"])
@login_required
def upload_invoice():
    f = request.files.get("file")
    if not f or f.filename.rsplit(".", 1)[-1].lower() not in ALLOWED_EXTENSIONS:
        abort(400)
    dest_dir = os.path.join(app.config["UPLOAD_FOLDER"], str(current_user.id))
    stored_name = secure_filename(f.filename)
    f.save(os.path.join(dest_dir, stored_name))  #@safe
    return jsonify({"uploaded": stored_name}), 201

@app.route("/attachments", methods=["POST"])
@login_required
def upload_attachment():
    f = request.files["attachment"]
    user_dir = os.path.join(app.config["UPLOAD_FOLDER"], str(current_user.id))
    etag = hashlib.md5(f.stream.read(), usedforsecurity=False).hexdigest()  #@safe
    f.stream.seek(0)
    f.save(os.path.join(user_dir, f.filename))  #@vuln CWE-22
    return jsonify({"name": f.filename, "etag": etag}), 201

@app.route("/reports")
@login_required
def reports():
    status = request.args.get("status", "paid")
    order = request.args.get("sort", "created_at")
    query = (f"SELECT id, amount_cents, status, created_at FROM invoice WHERE account_id = {current_user.id} "
             f"AND status = '{status}' ORDER BY {order} DESC")
    rows = db.session.execute(text(query)).fetchall()  #@vuln CWE-89
    return render_template("reports.html", rows=rows, status=status)

@app.route("/reports/files/<path:name>")
@login_required
def download_report(name):
    return send_from_directory(app.config["REPORT_FOLDER"], name, as_attachment=True)  #@safe

@app.route("/account/profile", methods=["POST"])
@login_required
def update_profile():
    for field in EDITABLE_PROFILE_FIELDS:
        if field in request.form:
            setattr(current_user, field, request.form[field].strip())  #@safe
    db.session.commit()
    return redirect(url_for("dashboard"))

@app.route("/api/me", methods=["PATCH"])
@login_required
def api_update_me():
    for key, value in (request.get_json(silent=True) or {}).items():
        if hasattr(current_user, key):
            setattr(current_user, key, value)  #@vuln CWE-915
    db.session.commit()
    return jsonify({"id": current_user.id, "plan": current_user.plan})

@app.route("/dashboard")
@login_required
def dashboard():
    notice = request.args.get("notice", "")
    tab = request.args.get("tab", "overview")
    body = render_template("dashboard.html", user=current_user)
    if notice:
        return f"<div class='notice'>{notice}</div>{body}"  #@vuln CWE-79
    return f"<nav class='tabs' data-active='{escape(tab)}'></nav>{body}"  #@safe

@app.route("/settings/invoice-footer/preview", methods=["POST"])
@login_required
def preview_invoice_footer():
    footer = request.form.get("footer", "")
    return render_template_string("<footer class='invoice'>" + footer + "</footer>", user=current_user)  #@vuln CWE-1336|CWE-94

@app.route("/settings/greeting/preview", methods=["POST"])
@login_required
def preview_greeting():
    greeting = "<p>Hello {{ name }}, your invoice {{ number }} is ready.</p>"
    return render_template_string(greeting, name=request.form.get("name", ""), number=request.form.get("number"))  #@safe

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)  #@vuln CWE-489|CWE-215
