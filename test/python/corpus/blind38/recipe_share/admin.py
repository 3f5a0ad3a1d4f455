import os
import csv
import io
import datetime
import subprocess

from flask import Blueprint, request, session, redirect, url_for, send_file, abort, Response, flash

import config
import db
import auth

admin_bp = Blueprint("admin", __name__)

EXPORTABLE_TABLES = ("recipes", "users", "comments")


@admin_bp.route("/login", methods=["GET", "POST"])
def admin_login():
    if request.method == "POST":
        if auth.check_admin_login(request.form.get("username"), request.form.get("password")):
            session["is_admin"] = True
            return redirect(url_for("admin.dashboard"))
        flash("nope")
    return "<form method='post'><input name='username'><input name='password' type='password'><button>go</button></form>"


@admin_bp.route("/")
@auth.admin_required
def dashboard():
    backups = sorted(os.listdir(config.BACKUP_DIR)) if os.path.isdir(config.BACKUP_DIR) else []
    return "<h1>Admin</h1><p>%d backups</p><a href='/admin/dump'>sql dump</a>" % len(backups)


@admin_bp.route("/backup", methods=["POST"])
@auth.admin_required
def backup():
    label = request.form.get("label", "manual")
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M")
    out = os.path.join(config.BACKUP_DIR, "recipes-%s-%s.sql.gz" % (stamp, label))
    os.system("sqlite3 %s .dump | gzip > %s" % (config.DATABASE, out))  #@vuln CWE-78
    flash("backup written to " + out)
    return redirect(url_for("admin.dashboard"))


@admin_bp.route("/dump")
@auth.admin_required
def dump():
    proc = subprocess.run(["sqlite3", config.DATABASE, ".dump"], capture_output=True, text=True)  #@safe
    return Response(proc.stdout, mimetype="text/plain")


@admin_bp.route("/resize", methods=["POST"])
@auth.admin_required
def resize_images():
    # e.g. 800x600 - shrink the huge phone pictures
    size = request.form.get("size", "800x600")
    subprocess.call("mogrify -resize " + size + " " + config.UPLOAD_FOLDER + "/*.jpg", shell=True)  #@vuln CWE-78
    return redirect(url_for("admin.dashboard"))


@admin_bp.route("/export-csv")
@auth.admin_required
def export_csv():
    table = request.args.get("table", "recipes")
    if table not in EXPORTABLE_TABLES:
        abort(400)
    rows = db.get_db().execute("SELECT * FROM " + table).fetchall()  #@safe
    buf = io.StringIO()
    w = csv.writer(buf)
    if rows:
        w.writerow(rows[0].keys())
    for r in rows:
        w.writerow(list(r))
    fname = "%s-%s.csv" % (table, datetime.date.today().isoformat())
    with open(os.path.join(config.EXPORT_DIR, fname), "w") as fh:
        fh.write(buf.getvalue())
    return redirect(url_for("admin.download_export", file=fname))


@admin_bp.route("/exports")
@auth.admin_required
def download_export():
    name = request.args.get("file", "")
    return send_file(os.path.join(config.EXPORT_DIR, name), as_attachment=True)  #@vuln CWE-22


@admin_bp.route("/logs")
@auth.admin_required
def view_log():
    logname = request.args.get("log", "app.log")
    path = os.path.realpath(os.path.join(config.LOG_DIR, logname))
    if not path.startswith(os.path.realpath(config.LOG_DIR) + os.sep):
        abort(403)
    with open(path) as fh:  #@safe
        lines = fh.readlines()[-200:]
    return Response("".join(lines), mimetype="text/plain")
