"""Report service: building text through dicts, format, join, helpers and async code."""
import asyncio
import hashlib
import os
import shutil
import tempfile

import aiofiles
import dill
import yaml
from flask import Flask, Markup, request, send_file
from jinja2 import Environment
from sqlalchemy import text

from .db import db_session, engine

app = Flask(__name__)
REPORT_ROOT = "/srv/reports"
tpl_env = Environment(autoescape=False)  #@vuln CWE-79


def where_clause(filters):
    parts = []
    for col, val in filters.items():
        parts.append("{} = '{}'".format(col, val))
    return " AND ".join(parts)


@app.route("/reports/search")
def search_reports():
    filters = {"owner": request.args.get("owner", ""), "kind": request.args.get("kind", "")}
    sql = "SELECT * FROM reports WHERE " + where_clause(filters)
    return {"rows": [dict(r) for r in db_session.execute(text(sql))]}  #@vuln CWE-89


@app.route("/reports/by-date")
def by_date():
    q = {"start": request.args["start"], "end": request.args["end"]}
    sql = "SELECT * FROM reports WHERE created BETWEEN '{start}' AND '{end}'".format(**q)
    with engine.connect() as conn:
        rows = conn.execute(text(sql)).fetchall()  #@vuln CWE-89
    return {"rows": [list(r) for r in rows]}


@app.route("/reports/by-date-safe")
def by_date_safe():
    q = {"start": request.args["start"], "end": request.args["end"]}
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM reports WHERE created BETWEEN :start AND :end"), q).fetchall()  #@safe
    return {"rows": [list(r) for r in rows]}


@app.route("/reports/filter")
def filter_reports():
    kind = request.args.get("kind", "")
    rows = db_session.query(Report).filter(text("kind = '%s'" % kind)).all()  #@vuln CWE-89
    return {"n": len(rows)}


async def read_report(name):
    async with aiofiles.open(os.path.join(REPORT_ROOT, name)) as fh:  #@vuln CWE-22
        return await fh.read()


@app.route("/reports/raw")
async def raw_report():
    name = request.args.get("name", "")
    body = await read_report(name)
    return body, 200, {"Content-Type": "text/plain"}


@app.route("/reports/file")
def report_file():
    name = request.args.get("name", "")
    path = os.path.realpath(os.path.join(REPORT_ROOT, name))
    if os.path.commonpath([path, REPORT_ROOT]) != REPORT_ROOT:
        return "forbidden", 403
    return send_file(path)  #@safe


@app.route("/reports/copy", methods=["POST"])
def copy_report():
    src = request.form["src"]
    shutil.copy(os.path.join(REPORT_ROOT, src), "/srv/outbox/")  #@vuln CWE-22
    return "ok"


@app.route("/reports/purge", methods=["POST"])
def purge_reports():
    folder = request.form["folder"]
    shutil.rmtree(f"{REPORT_ROOT}/{folder}")  #@vuln CWE-22
    return "ok"


@app.route("/reports/import", methods=["POST"])
def import_reports():
    upload = request.files["bundle"]
    tmp = os.path.join(tempfile.mkdtemp(), "bundle.zip")
    upload.save(tmp)
    shutil.unpack_archive(tmp, REPORT_ROOT)  #@vuln CWE-22
    return "ok"


@app.route("/reports/title")
def title():
    t = request.args.get("t", "")
    return tpl_env.from_string("<h1>{{ t }}</h1>").render(t=t)


@app.route("/reports/note")
def note():
    n = request.args.get("n", "")
    return Markup("<em>%s</em>" % n)  #@vuln CWE-79


@app.route("/reports/note-safe")
def note_safe():
    n = request.args.get("n", "")
    return Markup("<em>%s</em>") % n  #@safe


@app.route("/reports/state", methods=["POST"])
def state():
    obj = dill.loads(request.get_data())  #@vuln CWE-502
    return {"type": type(obj).__name__}


@app.route("/reports/layout", methods=["POST"])
def layout():
    spec = yaml.load(request.get_data(), Loader=yaml.UnsafeLoader)  #@vuln CWE-502
    safe_spec = yaml.load(request.get_data(), Loader=yaml.SafeLoader)  #@safe
    return {"spec": spec, "safe": safe_spec}


def etag(body):
    return hashlib.md5(body, usedforsecurity=False).hexdigest()  #@safe


def lock_path(report_id):
    return "/tmp/report-%s.lock" % report_id


def take_lock(report_id):
    with open(lock_path(report_id), "w") as fh:  #@vuln CWE-377
        fh.write("1")


@app.route("/reports/render", methods=["POST"])
def render_pdf():
    fmt = request.form.get("fmt", "pdf")
    name = request.form.get("name", "out")
    cmd = " ".join(["pandoc", "in.md", "-o", name + "." + fmt])
    subprocess_out = os.popen(cmd).read()  #@vuln CWE-78
    return {"out": subprocess_out}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=os.environ.get("DEBUG") == "1")  #@safe
