"""Tiny team notes app (Bottle + sqlite3)."""
import os
import sqlite3

import bottle
from bottle import (
    abort,
    html_escape,
    redirect,
    request,
    response,
    route,
    run,
    static_file,
    template,
)
from jinja2 import Environment, Template, select_autoescape

DB = os.environ.get("NOTES_DB", "notes.db")
UPLOADS = os.path.abspath("uploads")
jinja_env = Environment(autoescape=select_autoescape(["html"]))
ADMIN_TOKEN = "notes-admin-8f2b1c9e"  #@vuln CWE-798

bottle.debug(True)  #@vuln CWE-489|CWE-215


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


@route("/notes")
def list_notes():
    tag = request.query.get("tag", "")
    rows = conn().execute("SELECT id, title FROM notes WHERE tag = '" + tag + "'").fetchall()  #@vuln CWE-89
    return {"notes": [dict(r) for r in rows]}


@route("/notes/<note_id:int>")
def get_note(note_id):
    row = conn().execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()  #@safe
    if not row:
        abort(404)
    return dict(row)


@route("/notes/search")
def search_notes():
    q = request.query.q or ""
    c = conn()
    cur = c.cursor()
    cur.executescript(f"CREATE TEMP TABLE IF NOT EXISTS hits AS SELECT id FROM notes WHERE body LIKE '%{q}%';")  #@vuln CWE-89
    return {"hits": [r[0] for r in cur.execute("SELECT id FROM hits").fetchall()]}


@route("/notes/<note_id:int>/render")
def render_note(note_id):
    header = request.query.get("header", "Note")
    return template("<h1>" + header + "</h1><p>{{body}}</p>", body="...")  #@vuln CWE-1336|CWE-94|CWE-79


@route("/notes/<note_id:int>/render-v2")
def render_note_v2(note_id):
    header = request.query.get("header", "Note")
    return template("<h1>{{header}}</h1><p>{{body}}</p>", header=header, body="...")  #@safe


@route("/notes/welcome")
def welcome():
    name = request.query.get("name", "")
    return Template("Welcome back, " + name + "!").render()  #@vuln CWE-1336|CWE-94


@route("/notes/welcome-v2")
def welcome_v2():
    tmpl = jinja_env.from_string("<p>Welcome back, {{ name }}!</p>")
    return tmpl.render(name=request.query.get("name", ""))  #@safe


@route("/notes/preview", method="POST")
def preview():
    body = request.forms.get("body", "")
    return "<div class='preview'>%s</div>" % body  #@vuln CWE-79


@route("/notes/preview-v2", method="POST")
def preview_v2():
    body = request.forms.get("body", "")
    return "<div class='preview'>%s</div>" % html_escape(body)  #@safe


@route("/uploads/<filename:path>")
def uploads(filename):
    return static_file(filename, root=UPLOADS)  #@safe


@route("/export")
def export():
    name = request.query.get("name", "notes.csv")
    with open(os.path.join(UPLOADS, "exports", name)) as fh:  #@vuln CWE-22
        response.content_type = "text/csv"
        return fh.read()


@route("/login", method="POST")
def login():
    if request.forms.get("token") != ADMIN_TOKEN:
        abort(403)
    response.set_cookie("notes_admin", "1", secret=os.environ["COOKIE_SECRET"])  #@vuln CWE-614|CWE-1004
    redirect(request.forms.get("back", "/notes"))  #@vuln CWE-601


@route("/logout")
def logout():
    response.delete_cookie("notes_admin")
    redirect("/notes")  #@safe


if __name__ == "__main__":
    run(host="0.0.0.0", port=8080, debug=True, reloader=True)  #@vuln CWE-489|CWE-215
