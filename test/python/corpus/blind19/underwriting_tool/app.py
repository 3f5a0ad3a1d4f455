import os
from functools import wraps
from urllib.parse import urlsplit

import jwt
from flask import (Flask, abort, flash, g, jsonify, redirect, render_template, render_template_string, request,
                   send_file, send_from_directory, session, url_for)
from markupsafe import Markup

from .config import ProductionConfig
from .quotes_repo import QuoteRepo
from .rating import fetch_allowed_sheet, fetch_rating_sheet
from .render import render_report

app = Flask(__name__)
app.config.from_object(ProductionConfig)


def repo() -> QuoteRepo:
    if "repo" not in g:
        g.repo = QuoteRepo(app.config["QUOTES_DSN"])
    return g.repo


@app.teardown_appcontext
def close_repo(_exc) -> None:
    if (r := g.pop("repo", None)) is not None:
        r.close()


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if "user" not in session:
            sso = request.cookies.get("sso_token")
            if not sso:
                return redirect(url_for("login_form", next=request.full_path))
            claims = jwt.decode(sso, options={"verify_signature": False, "verify_aud": False})  #@vuln CWE-347
            session["user"] = claims["preferred_username"]
        return view(*args, **kwargs)
    return wrapper


def _safe_next(target: str | None) -> str:
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") or "\\" in target:
        return url_for("index")
    return target


@app.get("/")
@login_required
def index():
    return render_template("index.html", user=session["user"])


@app.get("/login")
def login_form():
    return render_template("login.html", next=request.args.get("next", ""))


@app.post("/login")
def login():
    username = request.form["username"]
    if not repo().check_password(username, request.form["password"]):
        flash("Invalid credentials")
        return redirect(url_for("login_form"))
    session["user"] = username
    resp = redirect(request.args.get("next") or url_for("index"))  #@vuln CWE-601
    resp.set_cookie("uw_remember", username, max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
    return resp


@app.get("/logout")
def logout():
    session.clear()
    return redirect(_safe_next(request.args.get("next")))  #@safe


@app.get("/quotes/search")
@login_required
def search_quotes():
    q = request.args.get("q", "")
    rows = repo().search(request.args.get("broker", ""), q)
    page = "<h2>Results for " + q + "</h2><ul>{% for r in rows %}<li>{{ r.reference }} - {{ r.insured_name }}</li>{% endfor %}</ul>"
    return render_template_string(page, rows=rows)  #@vuln CWE-79


@app.get("/quotes/recent")
@login_required
def recent_quotes():
    broker = request.args.get("broker", "")
    rows = repo().search(broker, "")
    return render_template_string("<h2>Recent for {{ broker }}</h2>{% for r in rows %}<p>{{ r.reference }}</p>{% endfor %}", broker=broker, rows=rows)  #@safe


@app.get("/quotes/<int:quote_id>")
@login_required
def quote_detail(quote_id: int):
    quote = repo().get(quote_id) or abort(404)
    banner = Markup(f"<div class='banner'>{request.args.get('msg', '')}</div>")  #@vuln CWE-79
    heading = Markup("<h1>{} <small>{}</small></h1>").format(quote["insured_name"], quote["reference"])  #@safe
    return render_template("quote.html", quote=quote, banner=banner, heading=heading)


@app.post("/quotes/<int:quote_id>/status")
@login_required
def change_status(quote_id: int):
    status = request.form["status"]
    repo().update_status(quote_id, status, request.form.get("reason", ""))
    return f"<p>Quote {quote_id} moved to <b>{status}</b></p>"  #@vuln CWE-79


@app.get("/reports/download")
@login_required
def download_report():
    name = request.args["name"]
    return send_file(os.path.join(app.config["REPORT_DIR"], name), as_attachment=True)  #@vuln CWE-22


@app.get("/reports/archive/<path:name>")
@login_required
def archived_report(name: str):
    return send_from_directory(os.path.join(app.config["REPORT_DIR"], "archive"), name, as_attachment=True)  #@safe


@app.get("/reports/preview")
@login_required
def preview_report():
    rows = repo().weekly_summary(request.args.get("order", "line_of_business"))
    return render_report("weekly.html", title=request.args.get("title", "Weekly GWP"), rows=rows)


@app.post("/rating/import")
@login_required
def import_rating():
    content = fetch_rating_sheet(request.form["sheet_url"])
    flash(f"Imported {len(content)} bytes of rating data")
    return redirect(url_for("index"))


@app.post("/rating/refresh")
@login_required
def refresh_rating():
    try:
        content = fetch_allowed_sheet(request.form["sheet_url"])
    except ValueError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(size=len(content))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5050, debug=True)  #@vuln CWE-489|CWE-215
