"""Blog engine views (Flask blueprint)."""
import base64
import pickle
import sqlite3
from pathlib import Path

import yaml
from flask import Blueprint, Markup, current_app, g, redirect, render_template, render_template_string, request, session, url_for
from jinja2 import Environment, FileSystemLoader, select_autoescape

bp = Blueprint("blog", __name__)
THEMES = Path(__file__).parent / "themes"

env = Environment(loader=FileSystemLoader("templates"))  #@vuln CWE-79
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html"]))  #@safe


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
    return g.db


@bp.route("/post/<slug>")
def show_post(slug):
    cur = db().cursor()
    cur.execute("SELECT title, body FROM posts WHERE slug = '%s'" % slug)  #@vuln CWE-89
    post = cur.fetchone()
    return render_template("post.html", post=post)


@bp.route("/post/<int:post_id>/comments")
def comments(post_id):
    cur = db().cursor()
    cur.execute("SELECT author, body FROM comments WHERE post_id = ?", (post_id,))  #@safe
    return render_template("comments.html", comments=cur.fetchall())


@bp.route("/tag")
def by_tag():
    tag = request.args.get("t", "")
    sql = """
        SELECT title FROM posts
        WHERE tags LIKE '%{}%'
    """.format(tag)
    rows = db().execute(sql).fetchall()  #@vuln CWE-89
    return render_template("list.html", rows=rows)


@bp.route("/preview", methods=["POST"])
def preview():
    body = request.form["body"]
    return render_template_string("<article>" + body + "</article>")  #@vuln CWE-79


@bp.route("/preview/safe", methods=["POST"])
def preview_safe():
    body = request.form["body"]
    return render_template_string("<article>{{ body }}</article>", body=body)  #@safe


@bp.route("/signature")
def signature():
    sig = request.args.get("sig", "")
    return render_template("sig.html", sig=Markup("<em>%s</em>" % sig))  #@vuln CWE-79


@bp.route("/footer")
def footer():
    return render_template("page.html", footer=Markup("<hr><small>&copy; Blog</small>"))  #@safe


@bp.route("/search")
def search():
    q = request.args.get("q", "")
    return "<h2>Results for " + q + "</h2>"  #@vuln CWE-79


@bp.route("/search/count")
def search_count():
    q = request.args.get("q", "")
    n = len(q)
    return f"<p>{n} characters</p>"  #@safe


@bp.route("/theme")
def theme():
    name = request.args.get("name", "default")
    css = (THEMES / name / "style.css").read_text()  #@vuln CWE-22
    return css, 200, {"Content-Type": "text/css"}


@bp.route("/prefs")
def prefs():
    raw = request.cookies.get("prefs")
    data = pickle.loads(base64.b64decode(raw))  #@vuln CWE-502
    return render_template("prefs.html", prefs=data)


@bp.route("/import", methods=["POST"])
def import_posts():
    posts = yaml.load(request.data, Loader=yaml.Loader)  #@vuln CWE-502
    return redirect(url_for("blog.index", n=len(posts)))


@bp.route("/import/safe", methods=["POST"])
def import_posts_safe():
    posts = yaml.safe_load(request.data)  #@safe
    return redirect(url_for("blog.index", n=len(posts)))


@bp.route("/go")
def go():
    target = request.args.get("next", "/")
    return redirect(target)  #@vuln CWE-601
