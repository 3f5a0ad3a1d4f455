from flask import Blueprint, render_template, render_template_string, request
from markupsafe import Markup, escape

from ..services import reports, users

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    return render_template("home.html")


@bp.route("/hello")
def hello():
    name = request.args.get("name", "visitor")
    return render_template_string(f"<h2>Hello {name}!</h2><p>Welcome to the portal.</p>")  #@vuln CWE-79|CWE-94


@bp.route("/greet")
def greet():
    name = request.args.get("name", "visitor")
    return render_template_string("<h2>Hello {{ name }}!</h2>", name=name)  #@safe


@bp.route("/notice")
def notice():
    msg = request.args.get("msg", "")
    return render_template("notice.html", banner=Markup(f"<b>{msg}</b>"))  #@vuln CWE-79


@bp.route("/alert")
def alert():
    msg = request.args.get("msg", "")
    return render_template("notice.html", banner=Markup("<b>{}</b>").format(msg))  #@safe


@bp.route("/people")
def people():
    term = request.args.get("q", "")
    dept = request.args.get("dept")
    rows = users.search_users(term, dept)
    items = "".join(f"<li>{escape(r['username'])} ({escape(r['dept'])})</li>" for r in rows)
    return f"<ul class='people'>{items}</ul>"


@bp.route("/reports/<int:report_id>/preview")
def preview(report_id):
    title = request.args.get("title", "Report")
    return reports.render_preview(report_id, title)


@bp.route("/reports/<int:report_id>/pdf", methods=["POST"])
def pdf(report_id):
    page_size = request.form.get("page_size", "A4")
    path = reports.build_pdf(report_id, page_size)
    return {"pdf": str(path)}


@bp.route("/reports/stats")
def stats():
    name = request.args.get("file", "")
    return {"words": reports.word_count(name)}
