"""Ops desk - internal Bottle tool for the on-call rota.

Runs behind the VPN on ops-desk.internal; started by systemd with `python -m opsdesk.app`.
"""
import datetime
import html
import json
import os
import re
import subprocess

import bottle
import jwt
import yaml
from bottle import Bottle, abort, redirect, request, response, static_file, template

from common import config, db, security
from opsdesk import directory

app = Bottle()

HERE = os.path.dirname(os.path.abspath(__file__))
STATIC_ROOT = os.path.join(HERE, "static")
ALLOWED_SERVICES = {"report-worker", "scrapyd", "kpi-dash", "sales-streamlit", "nb-usage"}
HOSTNAME_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
PUBLIC_PATHS = ("/login", "/api/incidents")

LAYOUT = """<!doctype html>
<html><head><title>Ops desk</title><link rel="stylesheet" href="/static/desk.css"></head>
<body><nav><a href="/">Home</a> <a href="/logs">Logs</a> <a href="/runbooks">Runbooks</a> <a href="/people">People</a></nav>
{{!content}}
</body></html>"""

LOG_TEMPLATE = """<h2>{{name}}</h2>
<pre>
% for line in lines:
{{line.rstrip()}}
% end
</pre>"""

PEOPLE_TEMPLATE = """<h2>People matching {{name}}</h2>
<table>
% for p in results:
<tr><td>{{p['cn']}}</td><td>{{p['mail']}}</td><td>{{p['telephoneNumber']}}</td><td>{{p['department']}}</td></tr>
% end
</table>"""


def current_user():
    sid = request.get_cookie(config.SESSION_COOKIE)
    if not sid:
        return None
    with db.cursor() as cur:
        cur.execute("SELECT username FROM ops_sessions WHERE sid = ?", (sid,))
        row = cur.fetchone()
    return row["username"] if row else None


def _current_shift():
    hour = datetime.datetime.now().hour
    return "night" if hour < 8 else "day" if hour < 18 else "evening"


def page(content):
    return template(LAYOUT, content=content)


@app.hook("before_request")
def require_login():
    if request.path.startswith("/static/") or request.path in PUBLIC_PATHS:
        return
    if current_user() is None:
        redirect("/login?next=" + request.path)


@app.get("/static/<filepath:path>")
def static(filepath):
    return static_file(filepath, root=STATIC_ROOT)  #@safe


@app.get("/login")
def login_form():
    nxt = html.escape(request.query.get("next", "/"), quote=True)
    return page(f'<form method="post" action="/login"><input name="username"><input name="password" type="password"><input type="hidden" name="next" value="{nxt}"><label><input type="checkbox" name="remember"> remember me</label><button>Sign in</button></form>')  #@safe


@app.post("/login")
def login():
    username = request.forms.get("username", "").strip()
    password = request.forms.get("password", "")
    if not directory.authenticate(username, password):
        return page("<p class='err'>Login failed</p>")
    sid = security.make_api_key()
    with db.cursor() as cur:
        cur.execute("INSERT INTO ops_sessions (sid, username, created_at) VALUES (?, ?, datetime('now'))", (sid, username))
    response.set_cookie(config.SESSION_COOKIE, sid, httponly=True, path="/", samesite="lax")  #@vuln CWE-614
    if request.forms.get("remember"):
        remember = security.make_api_key()
        with db.cursor() as cur:
            cur.execute("INSERT INTO ops_remember (token, username) VALUES (?, ?)", (remember, username))
        response.set_cookie("opsdesk_remember", remember, secure=True, max_age=30 * 86400, path="/")  #@vuln CWE-1004
    redirect(request.forms.get("next") or "/")  #@vuln CWE-601


@app.post("/tools/ping")
def ping():
    host = request.forms.get("host", "").strip()
    count = request.forms.get("count", "3")
    proc = subprocess.run(f"ping -c {count} -W 2 {host}", shell=True, capture_output=True, text=True, timeout=60)  #@vuln CWE-78
    return page(template("<h3>ping</h3><pre>{{out}}</pre>", out=proc.stdout + proc.stderr))  #@safe


@app.post("/tools/dig")
def dig():
    name = request.forms.get("name", "").strip()
    if not HOSTNAME_RE.fullmatch(name):
        abort(400, "invalid hostname")
    proc = subprocess.run(["dig", "+short", name], capture_output=True, text=True, timeout=20)  #@safe
    return page(template("<h3>dig {{name}}</h3><pre>{{out}}</pre>", name=name, out=proc.stdout))


@app.post("/tools/restart")
def restart():
    service = request.forms.get("service", "")
    if service not in ALLOWED_SERVICES:
        abort(403, "service is not managed by ops desk")
    subprocess.check_call(f"sudo systemctl restart {service}.service", shell=True)  #@safe
    return page(f"<p>Restarted {service}</p>")


@app.get("/tools/tail")
def remote_tail():
    host = request.query.get("host", "")
    logfile = request.query.get("file", "/var/log/syslog")
    out = os.popen(f"ssh -o BatchMode=yes ops@{host} tail -n 200 {logfile}").read()  #@vuln CWE-78
    return page(template("<h3>{{host}}:{{logfile}}</h3><pre>{{out}}</pre>", host=host, logfile=logfile, out=out))


@app.get("/logs")
def logs():
    name = request.query.get("file", "app.log")
    pattern = request.query.get("grep", "")
    contains = request.query.get("contains", "")
    path = os.path.join(config.LOG_DIR, name)
    if not os.path.exists(path):
        abort(404, "no such log")
    with open(path, errors="replace") as fh:  #@vuln CWE-22
        lines = fh.readlines()[-1000:]
    if pattern:
        rx = re.compile(pattern)  #@vuln CWE-1333
        lines = [line for line in lines if rx.search(line)]
    if contains:
        needle = re.compile(re.escape(contains), re.IGNORECASE)  #@safe
        lines = [line for line in lines if needle.search(line)]
    return page(template(LOG_TEMPLATE, name=name, lines=lines))


@app.get("/runbooks")
def runbooks():
    q = request.query.get("q", "")
    with db.cursor() as cur:
        cur.execute(f"SELECT id, title, updated_at FROM runbooks WHERE title LIKE '%{q}%' OR tags LIKE '%{q}%' ORDER BY updated_at DESC")  #@vuln CWE-89
        rows = cur.fetchall()
    items = "".join(f"<li><a href='/runbooks/{r['id']}'>{html.escape(r['title'])}</a></li>" for r in rows)
    return page(f"<h2>Runbooks matching {q}</h2><ul>{items}</ul>")  #@vuln CWE-79


@app.post("/runbooks/import")
def import_runbook():
    upload = request.files.get("file")
    if upload is None:
        abort(400, "file is required")
    doc = yaml.load(upload.file, Loader=yaml.Loader)  #@vuln CWE-502
    with db.cursor() as cur:
        cur.execute("INSERT INTO runbooks (title, tags, body, updated_at) VALUES (?, ?, ?, datetime('now'))", (doc["title"], ",".join(doc.get("tags", [])), doc["body"]))
    redirect("/runbooks")


@app.post("/notes/preview")
def note_preview():
    body = request.forms.get("body", "")
    # handover notes can reference {{user}} and {{shift}} just like runbook pages
    rendered = template(body, user=current_user(), shift=_current_shift())  #@vuln CWE-1336
    return page(f"<div class='note'>{rendered}</div>")


@app.get("/people")
def people():
    name = request.query.get("name", "")
    dept = request.query.get("dept")
    results = directory.search_people(name, dept) if name else []
    return page(template(PEOPLE_TEMPLATE, name=name, results=results))


@app.get("/api/incidents")
def api_incidents():
    auth = request.get_header("Authorization", "")
    if not auth.startswith("Bearer "):
        abort(401, "token required")
    claims = jwt.decode(auth[7:], config.JWT_SECRET, algorithms=["HS256"], options={"verify_signature": False})  #@vuln CWE-347
    sort = request.query.get("sort", "opened_at")
    with db.cursor() as cur:
        cur.execute("SELECT id, team, summary, severity, opened_at FROM incidents WHERE team = ? ORDER BY " + sort + " DESC LIMIT 200", (claims.get("team"),))  #@vuln CWE-89
        rows = db.rows_to_dicts(cur.fetchall())
    response.content_type = "application/json"
    return json.dumps(rows)


if __name__ == "__main__":
    bottle.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8081")), debug=True, reloader=True)  #@vuln CWE-489
