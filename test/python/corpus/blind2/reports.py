"""Reporting helpers: SQL for dashboards, exports, caching and shell tools."""
import asyncio
import hashlib
import os
import subprocess
from pathlib import Path

import pandas as pd
from flask import Blueprint, request, render_template_string
from sqlalchemy import create_engine, text

bp = Blueprint("reports", __name__)
engine = create_engine(os.environ["REPORTS_DB_URL"])


def build_filter(column, value):
    return "{col} = '{val}'".format(
        col=column,
        val=value,
    )


def fetch_report(table, where):
    sql = "SELECT * FROM {} WHERE {}".format(table, where)
    with engine.connect() as conn:
        return conn.execute(text(sql)).fetchall()  #@vuln CWE-89


@bp.route("/reports/by-region")
def by_region():
    region = request.args.get("region", "")
    return {"rows": [list(r) for r in fetch_report("sales", build_filter("region", region))]}


@bp.route("/reports/frame")
def frame():
    month = request.args["month"]
    df = pd.read_sql(f"SELECT * FROM sales WHERE month = '{month}'", engine)  #@vuln CWE-89
    return df.to_json()


@bp.route("/reports/frame-safe")
def frame_safe():
    month = request.args["month"]
    df = pd.read_sql(text("SELECT * FROM sales WHERE month = :m"), engine, params={"m": month})  #@safe
    return df.to_json()


@bp.route("/reports/title")
def title():
    name = request.args.get("name", "")
    return render_template_string("<h2>{{ name|safe }}</h2>", name=name)  #@vuln CWE-79


@bp.route("/reports/title-safe")
def title_safe():
    name = request.args.get("name", "")
    return render_template_string("<h2>{{ name }}</h2>", name=name)  #@safe


@bp.route("/reports/archive")
def archive():
    label = request.args.get("label", "report")
    cmd = f"tar czf /srv/reports/{label}.tgz /srv/reports/current"
    proc = subprocess.Popen(cmd, shell=True)  #@vuln CWE-78
    proc.wait()
    return "ok"


@bp.route("/reports/archive-safe")
def archive_safe():
    label = request.args.get("label", "report")
    subprocess.run(["tar", "czf", f"/srv/reports/{label}.tgz", "/srv/reports/current"], check=True)  #@safe
    return "ok"


@bp.route("/reports/grep")
def grep_logs():
    pattern = request.args["pattern"]
    out = subprocess.check_output(["bash", "-c", "grep -r " + pattern + " /var/log/reports"])  #@vuln CWE-78
    return out


async def compress(path):
    proc = await asyncio.create_subprocess_shell(f"gzip -9 {path}")  #@vuln CWE-78
    await proc.wait()


def cache_key(params):
    return hashlib.new("sha1", repr(params).encode()).hexdigest()  #@vuln CWE-328|CWE-327


def cache_key_safe(params):
    return hashlib.blake2b(repr(params).encode(), digest_size=16).hexdigest()  #@safe


def write_cache(key, data):
    Path("/tmp/report-cache.json").write_text(data)  #@vuln CWE-377


def write_cache_dir(name, data):
    with open(os.path.join("/tmp", name), "w") as fh:  #@vuln CWE-377
        fh.write(data)


def read_template(name):
    with open("/tmp/templates/" + name) as fh:  #@safe
        return fh.read()
