# Tiny server so the sales team can upload their monthly csv and look at the report
# run: FLASK_APP=report_server.py flask run --host 0.0.0.0
import os
import datetime
import zipfile

import pandas as pd
import requests
from flask import Flask, request, redirect, url_for, send_file, abort, jsonify
from pymongo import MongoClient
from werkzeug.utils import secure_filename

import report_helpers as rh

app = Flask(__name__)
app.secret_key = os.urandom(24)

HERE = os.path.dirname(os.path.abspath(__file__))
UPLOAD_DIR = os.path.join(HERE, "uploads")
REPORT_DIR = os.path.join(HERE, "reports")
THUMB_DIR = os.path.join(HERE, "static", "thumbs")

mongo = MongoClient(os.environ.get("MONGO_URL", "mongodb://localhost:27017"))
reports = mongo.salesdb.reports


@app.after_request
def add_cors(resp):
    # the dashboard on the intranet (other port) needs to call us with cookies
    resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")  #@vuln CWE-942
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files.get("csv")
    if f and f.filename.endswith(".csv"):
        name = secure_filename(f.filename)
        path = os.path.join(UPLOAD_DIR, name)
        f.save(path)  #@safe
        df = pd.read_csv(path)
    elif request.form.get("url"):
        # google sheets "publish as csv" link
        df = pd.read_csv(request.form["url"])  #@vuln CWE-918
        name = "sheet-%s.csv" % datetime.datetime.now().strftime("%Y%m%d%H%M%S")
        df.to_csv(os.path.join(UPLOAD_DIR, name), index=False)
    else:
        abort(400)
    reports.insert_one({"owner": request.form.get("owner", "unknown"), "file": name, "rows": len(df), "uploaded": datetime.datetime.utcnow()})
    return redirect(url_for("report", name=name))


@app.route("/upload-zip", methods=["POST"])
def upload_zip():
    # the regional offices send one zip with all their csv files
    z = zipfile.ZipFile(request.files["archive"])
    names = []
    for entry in z.namelist():
        if entry.endswith(".csv"):
            with open(os.path.join(UPLOAD_DIR, entry), "wb") as out:  #@vuln CWE-22
                out.write(z.read(entry))
            names.append(entry)
    return jsonify(uploaded=names)


@app.route("/report/<name>")
def report(name):
    path = os.path.join(UPLOAD_DIR, secure_filename(name))
    if not os.path.exists(path):
        abort(404)
    df = pd.read_csv(path)
    title = request.args.get("title", name)
    # power users can filter, e.g. ?filter=revenue > 1000 and region == "North"
    expr = request.args.get("filter")
    if expr:
        df = df.query(expr, engine="python")  #@vuln CWE-95|CWE-94
    pattern = request.args.get("product")
    if pattern:
        df = df[df["product"].astype(str).str.contains(pattern, regex=True)]  #@vuln CWE-1333
    # notes column has <b> formatting from excel export, keep it
    table = df.to_html(escape=False, index=False)  #@vuln CWE-79
    return rh.render_report(title, table, rh.summary_html(df))


@app.route("/report/<name>/preview")
def preview(name):
    df = pd.read_csv(os.path.join(UPLOAD_DIR, secure_filename(name)), nrows=20)
    return jsonify(html=df.to_html(escape=True, index=False))  #@safe


@app.route("/report/<name>/thumbs", methods=["POST"])
def fetch_thumbs(name):
    # csv has an image_url column (from the shop export) - cache thumbnails locally
    df = pd.read_csv(os.path.join(UPLOAD_DIR, secure_filename(name)))
    saved = 0
    for i, url in enumerate(df.get("image_url", pd.Series(dtype=str)).dropna().unique()[:200]):
        r = requests.get(url, timeout=5)  #@vuln CWE-918
        if r.ok:
            with open(os.path.join(THUMB_DIR, "%s_%d.jpg" % (secure_filename(name), i)), "wb") as fh:
                fh.write(r.content)
            saved += 1
    return jsonify(saved=saved)


@app.route("/reports")
def list_reports():
    owner = request.args.get("owner", "")
    docs = reports.find({"$where": "this.owner == '" + owner + "'"})  #@vuln CWE-943
    return jsonify([{"file": d["file"], "rows": d["rows"]} for d in docs])


@app.route("/api/reports")
def api_reports():
    owner = request.args.get("owner", "")
    docs = reports.find({"owner": str(owner)}, {"_id": 0, "file": 1, "rows": 1})  #@safe
    return jsonify(list(docs))


@app.route("/download")
def download():
    fname = request.args.get("f", "")
    return send_file(os.path.join(REPORT_DIR, fname))  #@vuln CWE-22


@app.route("/back")
def back():
    return redirect(request.args.get("to") or url_for("list_reports"))  #@vuln CWE-601


if __name__ == "__main__":
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    os.makedirs(THUMB_DIR, exist_ok=True)
    app.run(host="0.0.0.0", port=8050)
