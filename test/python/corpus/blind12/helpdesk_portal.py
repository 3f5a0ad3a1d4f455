"""IT helpdesk portal: tickets, directory lookups and network diagnostics."""
import os
import random
import secrets
import sqlite3
import string
import subprocess

import bottle
from bottle import Bottle, SimpleTemplate, abort, redirect, request, response, static_file, template
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Bottle()

LDAP_URL = "ldaps://ldap.corp.example.com"
LDAP_BASE = "ou=people,dc=corp,dc=example,dc=com"
LDAP_BIND_DN = "cn=helpdesk-svc,ou=services,dc=corp,dc=example,dc=com"
LDAP_BIND_PASSWORD = "Helpdesk-Svc-Example-Pass1"  #@vuln CWE-798|CWE-259
COOKIE_SECRET = os.environ.get("HELPDESK_COOKIE_SECRET", "")  #@safe
DB_PATH = os.environ.get("HELPDESK_DB", "/var/lib/helpdesk/tickets.sqlite")
STATIC_ROOT = "/srv/helpdesk/static"
ATTACH_ROOT = "/srv/helpdesk/attachments"


class Directory:
    def __init__(self, url):
        self.server = Server(url, get_info=ALL, use_ssl=True)

    def _service_conn(self):
        return Connection(self.server, LDAP_BIND_DN, LDAP_BIND_PASSWORD, auto_bind=True)

    def find_user(self, uid):
        conn = self._service_conn()
        query = "(&(objectClass=person)(uid=%s))" % escape_filter_chars(uid)
        conn.search(LDAP_BASE, query, attributes=["cn", "mail"])  #@safe
        return conn.entries[0] if conn.entries else None

    def search_people(self, term):
        conn = self._service_conn()
        conn.search(LDAP_BASE, f"(|(cn=*{term}*)(mail=*{term}*))", attributes=["cn", "mail"])  #@vuln CWE-90
        return [{"name": str(e.cn), "mail": str(e.mail)} for e in conn.entries]

    def authenticate(self, uid, password):
        user = self.find_user(uid)
        if user is None or not password:
            return False
        return Connection(self.server, user.entry_dn, password).bind()


directory = Directory(LDAP_URL)


def db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def list_tickets(status, assignee=None, order="created_at"):
    sql = "SELECT id, title, status, assignee FROM tickets WHERE status = ?"
    params = [status]
    if assignee:
        sql += " AND assignee = ?"
        params.append(assignee)
    sql += " ORDER BY %s DESC" % order
    return db().execute(sql, params).fetchall()  #@vuln CWE-89


def get_ticket(ticket_id):
    row = db().execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,)).fetchone()  #@safe
    if row is None:
        abort(404, "No such ticket")
    return dict(row)


def current_user():
    return request.get_cookie("hd_user", secret=COOKIE_SECRET)


@app.get("/tickets")
def tickets():
    query = request.query
    rows = list_tickets(query.get("status", "open"), query.get("assignee"), query.get("order", "created_at"))
    return template("ticket_list", tickets=rows, user=current_user())  #@safe


@app.get("/tickets/<ticket_id:int>", name="ticket")
def ticket(ticket_id):
    return template("ticket_view", ticket=get_ticket(ticket_id), user=current_user())


@app.post("/tickets/<ticket_id:int>/attachments")
def upload_attachment(ticket_id):
    upload = request.files.get("file")
    folder = os.path.join(ATTACH_ROOT, str(ticket_id))
    os.makedirs(folder, exist_ok=True)
    if request.forms.get("keep_original_name"):
        upload.save(os.path.join(folder, upload.raw_filename))  #@vuln CWE-22
    else:
        upload.save(os.path.join(folder, upload.filename))  #@safe
    redirect(app.get_url("ticket", ticket_id=ticket_id))  #@safe


@app.post("/canned-replies/preview")
def preview_reply():
    ticket = get_ticket(int(request.forms.get("ticket_id", "0")))
    return SimpleTemplate(request.forms.get("body", "")).render(ticket=ticket, agent=current_user())  #@vuln CWE-1336|CWE-94


@app.get("/people")
def people():
    return {"results": directory.search_people(request.query.get("q", ""))}


@app.post("/login")
def login():
    uid = request.forms.get("uid", "")
    if not directory.authenticate(uid, request.forms.get("password", "")):
        abort(401, "Invalid credentials")
    response.set_cookie("hd_user", uid, secret=COOKIE_SECRET, httponly=True, secure=True, samesite="strict")  #@safe
    redirect(request.forms.get("return_to") or "/tickets")  #@vuln CWE-601


@app.post("/password-reset")
def password_reset():
    uid = request.forms.get("uid", "")
    token = "".join(random.choices(string.ascii_letters + string.digits, k=24))  #@vuln CWE-338|CWE-330
    with db() as conn:
        conn.execute("INSERT INTO reset_tokens (uid, token) VALUES (?, ?)", (uid, token))
    response.set_cookie("hd_reset", token, path="/password-reset")  #@vuln CWE-614|CWE-1004
    return {"status": "sent"}


@app.post("/tickets/<ticket_id:int>/share")
def share_ticket(ticket_id):
    share_token = secrets.token_urlsafe(16)  #@safe
    with db() as conn:
        conn.execute("UPDATE tickets SET share_token = ? WHERE id = ?", (share_token, ticket_id))
    return {"url": f"/shared/{share_token}"}


@app.get("/tools/ping")
def ping_tool():
    host = request.query.get("host", "")
    output = subprocess.check_output("ping -c 3 %s" % host, shell=True, timeout=20)  #@vuln CWE-78
    return {"output": output.decode(errors="replace")}


@app.get("/static/<path:path>")
def static(path):
    return static_file(path, root=STATIC_ROOT)  #@safe


application = app
bottle.debug(False)  #@safe

if __name__ == "__main__":
    bottle.run(app, host="0.0.0.0", port=8081, debug=True, reloader=True)  #@vuln CWE-489|CWE-215
