import hashlib
import os
from datetime import date, timedelta

from flask import (Flask, abort, jsonify, make_response, redirect, render_template,
                   render_template_string, request, send_file, send_from_directory, session)
from markupsafe import Markup

from etl_common.security import session_token

from . import charts, queries
from .config import ProdConfig

app = Flask(__name__, template_folder=ProdConfig.TEMPLATE_DIR)
app.config.from_object(ProdConfig)


def _date_arg(name: str, default: date) -> date:
    raw = request.args.get(name)
    return date.fromisoformat(raw) if raw else default


@app.route("/metrics/<metric>")
def metric_page(metric):
    end = _date_arg("end", date.today())
    start = _date_arg("start", end - timedelta(days=28))
    df = queries.kpi_timeseries(metric, start, end, request.args.get("by", "region"))
    title = request.args.get("title", metric.replace("_", " ").title())
    tpl = "<h1>" + title + "</h1><div class='chart'>{{ table }}</div>"
    return render_template_string(tpl, table=charts.frame_to_table(df))  #@vuln CWE-79|CWE-94


@app.route("/top/<metric>")
def top(metric):
    df = queries.top_n(metric, request.args.get("dim", "region"), request.args.get("n", 10, type=int))
    heading = request.args.get("heading", "Top performers")
    return render_template_string("<h2>{{ heading }}</h2>{{ table }}", heading=heading, table=charts.frame_to_table(df))  #@safe


@app.route("/annotate/<metric>")
def annotate(metric):
    note = request.args.get("note", "")
    return render_template("annotate.html", metric=metric, note=Markup(note))  #@vuln CWE-79


@app.route("/caption/<metric>")
def caption(metric):
    text = request.args.get("text", "")
    return render_template("annotate.html", metric=metric, note=Markup("<em>%s</em>") % text)  #@safe


@app.route("/views/<name>")
def saved_view(name):
    owner = session.get("user", "anonymous")
    df = queries.saved_view(owner, name)
    return jsonify(df.to_dict(orient="records"))


@app.route("/email-preview", methods=["POST"])
def email_preview():
    df = queries.top_n(request.form["metric"], "region")
    html = charts.render_email_report(request.form.get("title", "Weekly KPIs"), df, request.form.get("comment", ""))
    return make_response(html)


@app.route("/export")
def export():
    fname = request.args.get("file", "")
    return send_file(os.path.join(ProdConfig.EXPORT_DIR, fname), as_attachment=True)  #@vuln CWE-22


@app.route("/export/v2")
def export_v2():
    fname = request.args.get("file", "")
    return send_from_directory(ProdConfig.EXPORT_DIR, fname, as_attachment=True)  #@safe


@app.route("/go")
def go():
    return redirect(request.args.get("to", "/"))  #@vuln CWE-601


@app.route("/login", methods=["POST"])
def login():
    user = queries.user_row(request.form["username"])
    supplied = hashlib.md5(request.form["password"].encode()).hexdigest()  #@vuln CWE-327|CWE-328
    if not user or supplied != user["pw_hash"]:
        abort(401)
    session["user"] = user["username"]
    resp = make_response(redirect("/"))
    resp.set_cookie("dash_token", session_token(), max_age=8 * 3600)  #@vuln CWE-614|CWE-1004
    resp.set_cookie("dash_role", user["role"], secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@app.route("/")
def index():
    return charts.render_page("index.html", user=session.get("user"))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8050, debug=True)  #@vuln CWE-489|CWE-215
