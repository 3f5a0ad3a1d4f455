"""Uploads service: Flask method views, file handling, status checks."""
import csv
import os
import pickle
import sqlite3
import tempfile
import urllib.request

import requests
from flask import Flask, jsonify, request, send_from_directory
from flask.views import MethodView
from markupsafe import escape
from sqlalchemy import text
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config.from_pyfile("config.py")
UPLOADS = "/srv/uploads"


class UploadAPI(MethodView):
    def post(self):
        f = request.files["file"]
        dest = os.path.join(UPLOADS, f.filename)
        f.save(dest)  #@vuln CWE-22
        return jsonify({"saved": f.filename})

    def put(self):
        f = request.files["file"]
        f.save(os.path.join(UPLOADS, secure_filename(f.filename)))  #@safe
        return jsonify({"ok": True})

    def get(self):
        folder = request.args.get("folder", "public")
        name = request.args.get("name", "")
        return send_from_directory(os.path.join(UPLOADS, folder), name)  #@vuln CWE-22


app.add_url_rule("/upload", view_func=UploadAPI.as_view("upload"))


@app.route("/label")
def label():
    text_ = request.args.get("text", "")
    return "<span class='label'>%s</span>" % text_  #@vuln CWE-79


@app.route("/label-safe")
def label_safe():
    text_ = request.args.get("text", "")
    return "<span class='label'>%s</span>" % escape(text_)  #@safe


@app.route("/status")
def status():
    host = request.args["host"]
    with urllib.request.urlopen(f"http://{host}/healthz", timeout=3) as r:  #@vuln CWE-918|CWE-22
        return r.read()


@app.route("/status-fixed")
def status_fixed():
    svc = request.args["svc"]
    r = requests.get(url=f"https://status.example.com/{svc}", timeout=3)  #@safe
    return r.text


@app.route("/fetch")
def fetch():
    r = requests.get(url=request.args["u"], timeout=3)  #@vuln CWE-918
    return r.text


@app.route("/files/bulk-delete", methods=["POST"])
def bulk_delete():
    ids = request.form.getlist("id")
    db = sqlite3.connect("uploads.db")
    db.execute("DELETE FROM files WHERE id IN (" + ",".join(ids) + ")")  #@vuln CWE-89
    db.commit()
    return "ok"


@app.route("/files/bulk-delete-safe", methods=["POST"])
def bulk_delete_safe():
    ids = [int(i) for i in request.form.getlist("id")]
    db = sqlite3.connect("uploads.db")
    db.execute("DELETE FROM files WHERE id IN (%s)" % ",".join("?" * len(ids)), ids)  #@safe
    db.commit()
    return "ok"


@app.route("/files/owner")
def by_owner():
    from models import File, db_session
    owner = request.args["owner"]
    return jsonify([f.id for f in db_session.query(File).filter(text(f"owner = '{owner}'"))])  #@vuln CWE-89


@app.route("/state", methods=["POST"])
def state():
    obj = pickle.load(request.files["state"])  #@vuln CWE-502
    return jsonify({"keys": list(obj)})


def export_csv(user, rows):
    with open(f"/tmp/{user}-export.csv", "a", newline="") as fh:  #@vuln CWE-377
        csv.writer(fh).writerows(rows)


def export_csv_safe(rows):
    with tempfile.TemporaryFile("w+", newline="") as fh:  #@safe
        csv.writer(fh).writerows(rows)
        fh.seek(0)
        return fh.read()


def stage(data, name=None):
    name = name or tempfile.mktemp()  #@vuln CWE-377
    with open(name, "wb") as fh:
        fh.write(data)
    return name
