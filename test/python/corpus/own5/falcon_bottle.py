"""Falcon and Bottle endpoints of the reporting gateway."""
import os
import pickle
import sqlite3
import yaml

import bottle
import falcon
from bottle import request, response, route, template

REPORTS = "/srv/reports"
conn = sqlite3.connect("/var/lib/reports.db")


class ReportResource:
    def on_get(self, req, resp):
        owner = req.get_param("owner")
        rows = conn.execute(f"SELECT * FROM reports WHERE owner = '{owner}'").fetchall()  #@vuln CWE-89
        resp.media = {"rows": rows}

    def on_post(self, req, resp):
        doc = req.media
        title = doc.get("title", "")
        conn.execute("INSERT INTO reports (title) VALUES (?)", (title,))  #@safe
        resp.status = falcon.HTTP_201

    def on_put(self, req, resp, report_id):
        spec = yaml.load(req.bounded_stream.read(), Loader=yaml.Loader)  #@vuln CWE-502
        resp.media = {"spec": spec}


class FileResource:
    def on_get(self, req, resp, name):
        resp.stream = open(os.path.join(REPORTS, name), "rb")  #@vuln CWE-22

    def on_delete(self, req, resp, name):
        safe = os.path.basename(name)
        os.remove(os.path.join(REPORTS, safe))  #@safe


app = falcon.App()
app.add_route("/reports", ReportResource())
app.add_route("/files/{name}", FileResource())


@route("/b/search")
def b_search():
    q = request.query.get("q", "")
    return "<p>You searched for %s</p>" % q  #@vuln CWE-79


@route("/b/greet")
def b_greet():
    name = request.query.name
    return template("<p>Hello {{name}}</p>", name=name)  #@safe


@route("/b/login", method="POST")
def b_login():
    user = request.forms.get("user")
    cur = conn.cursor()
    cur.execute("SELECT id FROM users WHERE name = '" + user + "'")  #@vuln CWE-89
    return {"ok": True}


@route("/b/session")
def b_session():
    blob = request.get_cookie("state")
    state = pickle.loads(bytes.fromhex(blob))  #@vuln CWE-502
    return {"state": str(state)}


@route("/b/download")
def b_download():
    fname = request.query.file
    return bottle.static_file(fname, root=REPORTS)  #@safe


if __name__ == "__main__":
    bottle.run(host="127.0.0.1", port=8080, debug=True, reloader=True)  #@vuln CWE-489
