/**
 * Vulnerable and safe examples for every Python rule. In a vulnerable case the
 * line that must be flagged ends with `#!`; a safe case must draw no finding of
 * its rule at all. Written for these tests (not taken from any project).
 */
export interface RuleCase {
  name: string;
  rule: string;
  vulnerable: boolean;
  code: string;
  /** file name, for rules limited to some paths */
  file?: string;
  /**
   * Why a flagged line, added alone in a diff, names nothing a rule looks for (the finding is about what another
   * line does with it: a constant later given as a key, a query run by a helper): a documented limit of the trigger.
   */
  diffLimit?: string;
}

const DJ15 = 'from django.shortcuts import redirect\nfrom django.http import FileResponse, Http404\nfrom django.utils.http import url_has_allowed_host_and_scheme\nfrom django.views import View\n';

const flask = 'from flask import Flask, request, make_response, render_template, render_template_string, send_file, abort\napp = Flask(__name__)\n';

export const CASES: RuleCase[] = [
  // ---- SQL injection
  {
    name: 'sqli: multi-step flow through +=, a local and a cursor',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}import sqlite3
@app.route("/a")
def a():
    name = request.args.get("name").strip()
    sql = "SELECT * FROM users WHERE 1=1"
    sql += " AND name = '" + name + "'"
    cur = sqlite3.connect("x.db").cursor()
    cur.execute(sql)  #!
`,
  },
  {
    name: 'sqli: list built with append then joined',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}
@app.route("/b")
def b(db):
    clauses = []
    clauses.append("owner = '%s'" % request.form["owner"])
    where = " AND ".join(clauses)
    db.execute("SELECT * FROM docs WHERE " + where)  #!
`,
  },
  {
    name: 'sqli: multi-line call is reported on its first line',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}
@app.route("/c")
def c(cursor):
    term = request.args["t"]
    cursor.execute(  #!
        f"SELECT * FROM t WHERE a = '{term}'"
    )
`,
  },
  {
    name: 'sqli: SQLAlchemy text() under an alias import',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}from sqlalchemy import text as sql_text
@app.route("/d")
def d(session):
    who = request.args["who"]
    return session.execute(sql_text("SELECT * FROM t WHERE who = '{}'".format(who))).all()  #!
`,
  },
  {
    name: 'sqli: a text() statement kept in a variable and run later: reported where it runs',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}from sqlalchemy import text
@app.route("/e")
def e(session):
    owner = request.args["owner"]
    stmt = text(f"SELECT * FROM t WHERE owner = '{owner}'")
    rows = session.execute(stmt).all()  #!
    return {"n": len(rows)}
`,
  },
  {
    name: 'sqli: a repository method building text() from a parameter with % and running it (non-constant, where it runs)',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from sqlalchemy import text
class Customers:
    def __init__(self, engine):
        self.engine = engine
    def by_email(self, email):
        query = text("SELECT id FROM customers WHERE email = '%s'" % email)
        with self.engine.connect() as conn:
            return conn.execute(query).first()  #!
`,
  },
  {
    name: 'sqli safe: a text() statement with bound parameters kept in a variable',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}from sqlalchemy import text
@app.route("/f")
def f(session):
    stmt = text("SELECT * FROM t WHERE owner = :owner")
    return {"rows": [dict(r) for r in session.execute(stmt, {"owner": request.args["owner"]}).mappings()]}
`,
  },
  {
    name: 'sqli: pandas.read_sql with a formatted query in a library function',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `import pandas as pd
def frame(conn, table):
    return pd.read_sql("SELECT * FROM %s" % table, conn)  #!
`,
  },
  {
    name: 'sqli safe: parameterized query',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}
@app.route("/e")
def e(cursor):
    cursor.execute("SELECT * FROM t WHERE a = %s", (request.args["a"],))
`,
  },
  {
    name: 'sqli safe: constant-only concatenation',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `TABLE = "users"
COLS = ", ".join(["id", "name"])
def count(cursor):
    cursor.execute("SELECT " + COLS + " FROM " + TABLE)
    cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
`,
  },
  {
    name: 'sqli safe: int() sanitizer',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}
@app.route("/f")
def f(cursor):
    page = int(request.args.get("page", 1))
    cursor.execute("SELECT * FROM t LIMIT 10 OFFSET %d" % (page * 10))
`,
  },
  {
    name: 'sqli safe: allow-list check with early exit',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}
ALLOWED = {"name", "created"}
@app.route("/g")
def g(cursor):
    order = request.args.get("order", "name")
    if order not in ALLOWED:
        abort(400)
    cursor.execute(f"SELECT * FROM t ORDER BY {order}")
`,
  },
  {
    name: 'sqli: allow-list check that does not exit still leaves the value tainted',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}
ALLOWED = {"name", "created"}
@app.route("/h")
def h(cursor):
    order = request.args.get("order", "name")
    if order not in ALLOWED:
        print("odd order")
    cursor.execute(f"SELECT * FROM t ORDER BY {order}")  #!
`,
  },
  {
    name: 'sqli safe: query passed through unchanged by a wrapper',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `def run(cursor, query, params):
    cursor.execute(query, params)
    return cursor.fetchall()
`,
  },
  {
    name: "path: an archive made under a name the request gives (shutil.make_archive), an image opened from a joined name (PIL)",
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os, shutil
from PIL import Image
@app.post("/export")
def export():
    archive = shutil.make_archive(os.path.join("/srv/exports", request.form["bundle"]), "zip", root_dir="/srv/staging")  #!
    with Image.open(os.path.join("/srv/marks", request.form["mark"])) as mark:  #!
        return send_file(archive)
`,
  },
  {
    name: 'path: PIL opening an uploaded file object; make_archive under a fixed name',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}import shutil, uuid
from PIL import Image
@app.post("/thumb")
def thumb():
    with Image.open(request.files["image"]) as im:
        im.thumbnail((128, 128))
    archive = shutil.make_archive(f"/srv/exports/{uuid.uuid4().hex}", "zip", root_dir="/srv/staging")
    return send_file(archive)
`,
  },
  {
    name: 'path: request data handed to a helper (and on to a method) is caught at the helper sink',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os
class Store:
    def read(self, path):
        return open(path).read()  #!
    def fetch(self, name):
        return self.read(os.path.join("/srv", name))
def load(name):
    with open("/srv/" + name) as fh:  #!
        return fh.read()
@app.route("/x")
def x():
    n = request.args["n"]
    Store().fetch(n)
    return load(name=n)
`,
  },
  {
    name: 'path safe: the same helpers called only with constants',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
class Store:
    def read(self, path):
        return open(path).read()
def load(name):
    with open("/srv/" + name) as fh:
        return fh.read()
def main():
    Store().read("/srv/a.txt")
    return load("index.txt")
`,
  },
  {
    name: 'sqli safe: class-level constant used as self.table; a parameter still counts',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `class Repo:
    table = "users"
    def count(self, cur):
        cur.execute("SELECT COUNT(*) FROM %s" % self.table)
    def find(self, cur, name):
        cur.execute("SELECT * FROM %s WHERE name = '%s'" % (self.table, name))  #!
`,
  },
  {
    name: 'path: a helper that returns request data taints its caller',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os
@app.route("/d")
def d():
    p = wanted_path()
    return open(p).read()  #!
def wanted_path():
    return os.path.join("/srv", request.args["f"])
`,
  },
  // ---- XSS
  {
    name: 'xss: jinja2 template of an environment with autoescape off (False, or not given)',
    rule: 'python-xss',
    vulnerable: true,
    code: `import tornado.web
from jinja2 import Environment
env = Environment(autoescape=False)
plain = Environment()
PAGE = env.from_string("<h1>{{ title }}</h1>")
class A(tornado.web.RequestHandler):
    def get(self):
        self.write(PAGE.render(title=self.get_argument("title")))  #!
class B(tornado.web.RequestHandler):
    def get(self):
        self.write(plain.from_string("<p>{{ t }}</p>").render(t=self.get_argument("t")))  #!
`,
  },
  {
    name: 'xss safe: jinja2 template of an environment with autoescape=select_autoescape(...) or True',
    rule: 'python-xss',
    vulnerable: false,
    code: `import jinja2
import tornado.web
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html"]))
strict = jinja2.Environment(autoescape=True)
PAGE = env.from_string("<h1>{{ title }}</h1>")
class A(tornado.web.RequestHandler):
    def get(self):
        self.write(PAGE.render(title=self.get_argument("title")))
class B(tornado.web.RequestHandler):
    def get(self):
        self.write(env.get_template("card.html").render(t=self.get_argument("t")))
class C(tornado.web.RequestHandler):
    def get(self):
        self.write(strict.from_string("<p>{{ t }}</p>").render(t=self.get_argument("t")))
class D(tornado.web.RequestHandler):
    def get(self):
        self.write(Template("<p>{{ t }}</p>", autoescape=True).render(t=self.get_argument("t")))
`,
  },
  {
    name: 'xss: f-string returned from a Flask route',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}
@app.route("/hi")
def hi():
    who = request.args.get("who", "")
    return f"<b>{who}</b>"  #!
`,
  },
  {
    name: 'xss: make_response with concatenated request data',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}
@app.route("/hi2")
def hi2():
    msg = request.form["msg"]
    body = "<p>" + msg + "</p>"
    return make_response(body)  #!
`,
  },
  {
    name: 'xss: Django HttpResponse and mark_safe',
    rule: 'python-xss',
    vulnerable: true,
    code: `from django.http import HttpResponse
from django.utils.safestring import mark_safe
def view(request):
    q = request.GET["q"]
    x = mark_safe("<i>%s</i>" % q)  #!
    return HttpResponse("<h1>" + q + "</h1>")  #!
`,
  },
  {
    name: 'xss safe: escaped value and template rendering',
    rule: 'python-xss',
    vulnerable: false,
    code: `${flask}from markupsafe import escape
@app.route("/hi3")
def hi3():
    who = request.args.get("who", "")
    if who == "":
        return render_template("hi.html", who=who)
    return f"<b>{escape(who)}</b>"
`,
  },
  {
    name: 'xss safe: a Flask route returning a dict (JSON)',
    rule: 'python-xss',
    vulnerable: false,
    code: `${flask}
@app.route("/j")
def j():
    name = request.args["n"]
    return {"message": f"Hello {name}"}
`,
  },
  {
    name: 'xss safe: FastAPI returns JSON, not HTML',
    rule: 'python-xss',
    vulnerable: false,
    code: `from fastapi import FastAPI
app = FastAPI()
@app.get("/hi")
def hi(name: str):
    return f"Hello {name}"
`,
  },
  {
    name: 'xss: render_template_string built from request data',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}
@app.route("/t")
def t():
    tpl = "<div>" + request.args["body"] + "</div>"
    return render_template_string(tpl)  #!
`,
  },
  // ---- path traversal
  {
    name: 'path: os.path.join then open',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os
@app.route("/file")
def file():
    p = os.path.join("/srv/data", request.args["name"])
    with open(p) as fh:  #!
        return fh.read()
`,
  },
  {
    name: 'path: pathlib read_text on a joined path',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `from pathlib import Path
from fastapi import FastAPI
app = FastAPI()
@app.get("/n/{name}")
def note(name: str):
    return (Path("/srv/notes") / name).read_text()  #!
`,
  },
  {
    name: 'path: Path(...).open on a request-controlled file is still a path sink',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}from pathlib import Path
@app.route("/po")
def po():
    p = Path("/srv/data") / request.args["name"]
    with p.open("rb") as fh:  #!
        return fh.read()
`,
  },
  {
    name: 'path safe: .open(member) on a ZipFile / TarFile reads a member, not a path on disk',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}import zipfile, tarfile
@app.route("/zo")
def zo():
    archive = request.args["archive_id"]
    with zipfile.ZipFile("/srv/uploads/" + archive) as zf:
        with zf.open(request.args["member"]) as src:
            data = src.read()
    tf = tarfile.open("/srv/uploads/" + archive)
    f = tf.extractfile(request.args["member"])
    return data
`,
  },
  {
    name: 'path: startswith without realpath is not a check',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os
@app.route("/file2")
def file2():
    p = os.path.join("/srv/data", request.args["name"])
    if not p.startswith("/srv/data"):
        abort(403)
    return send_file(p)  #!
`,
  },
  {
    name: 'path safe: realpath plus prefix check, and secure_filename',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}import os
from werkzeug.utils import secure_filename
BASE = "/srv/data"
@app.route("/file3")
def file3():
    p = os.path.realpath(os.path.join(BASE, request.args["name"]))
    if not p.startswith(BASE + os.sep):
        abort(403)
    other = os.path.join(BASE, secure_filename(request.args["other"]))
    open(other).close()
    return send_file(p)
`,
  },
  {
    name: 'path: an extension allow-list does not stop ../ in the name',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os
EXTS = {".png", ".jpg"}
@app.route("/img")
def img():
    name = request.args["name"]
    if os.path.splitext(name)[1] not in EXTS:
        abort(400)
    return send_file(os.path.join("/srv/img", name))  #!
`,
  },
  {
    name: 'path: tarfile.extractall without a filter',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `import tarfile
def unpack(src, dest):
    with tarfile.open(src) as tf:
        tf.extractall(dest)  #!
`,
  },
  {
    name: 'path safe: extractall with filter="data"',
    rule: 'python-archive-extraction',
    vulnerable: false,
    code: `import tarfile
def unpack(src, dest):
    with tarfile.open(src) as tf:
        tf.extractall(dest, filter="data")
`,
  },
  {
    name: 'path: extractall(members=tar.getmembers()) filters nothing',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `import tarfile
def unpack(src, dest):
    with tarfile.open(src) as tf:
        tf.extractall(dest, members=tf.getmembers())  #!
`,
  },
  {
    name: 'path: extractall with a variable holding every member',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `import tarfile
def unpack(src, dest):
    tf = tarfile.open(src)
    every = tf.getmembers()
    tf.extractall(path=dest, members=every)  #!
`,
  },
  {
    name: 'path: extractall with filter="fully_trusted"',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `import tarfile
def unpack(src, dest):
    with tarfile.open(src) as tf:
        tf.extractall(dest, filter="fully_trusted")  #!
`,
  },
  {
    name: 'path safe: extractall with members checked one by one',
    rule: 'python-archive-extraction',
    vulnerable: false,
    code: `import os, tarfile
def checked_members(tar, dest):
    root = os.path.realpath(dest)
    for m in tar.getmembers():
        if os.path.realpath(os.path.join(dest, m.name)).startswith(root + os.sep):
            yield m
def unpack(src, dest):
    with tarfile.open(src) as tf:
        tf.extractall(dest, members=checked_members(tf, dest))
`,
  },
  // ---- command injection
  {
    name: 'cmd: os.system with request data',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `${flask}import os
@app.route("/ping")
def ping():
    host = request.args["host"]
    os.system("ping -c1 %s" % host)  #!
`,
  },
  {
    name: 'cmd: subprocess alias with shell=True and a non-constant command',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import subprocess as sp
def run(cmd):
    return sp.run(cmd, shell=True)  #!
`,
  },
  {
    name: 'cmd safe: argument list, shlex.quote and a constant shell command',
    rule: 'python-command-injection',
    vulnerable: false,
    code: `${flask}import shlex, subprocess
@app.route("/ping2")
def ping2():
    host = request.args["host"]
    subprocess.run(["ping", "-c1", host])
    subprocess.run("ping -c1 " + shlex.quote(host), shell=True)
    subprocess.run("uptime", shell=True)
`,
  },
  {
    name: 'cmd: shell=True through an inline **{...} dict',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import subprocess
def run(cmd):
    subprocess.run(cmd, **{"shell": True, "check": True})  #!
`,
  },
  {
    name: 'cmd: shell=True through an inline **dict(...)',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import subprocess
def run(cmd):
    subprocess.check_output(cmd, **dict(shell=True))  #!
`,
  },
  {
    name: 'cmd safe: inline **{...} without shell',
    rule: 'python-command-injection',
    vulnerable: false,
    code: `import subprocess
def run(cmd):
    subprocess.run(cmd, **{"check": True, "capture_output": True})
`,
  },
  // ---- code injection
  {
    name: 'eval of input()',
    rule: 'python-code-injection',
    vulnerable: true,
    code: `expr = input("> ")
print(eval(expr))  #!
`,
  },
  {
    name: 'eval safe: literal_eval and a constant',
    rule: 'python-code-injection',
    vulnerable: false,
    code: `import ast
expr = input("> ")
print(ast.literal_eval(expr), eval("2 + 2"))
`,
  },
  // ---- SSRF
  {
    name: "ssrf: a helper that makes and returns a requests.Session (set up on the way) is that session at its callers",
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import requests
def _session() -> requests.Session:
    s = requests.Session()
    s.headers["User-Agent"] = "report-service/3.4"
    return s
@app.post("/hook")
def hook():
    resp = _session().post(request.json["url"], json={}, timeout=5)  #!
    return str(resp.status_code)
`,
  },
  {
    name: 'ssrf: an allow-list check that does not leave keeps the base URL untrusted',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import logging, requests
PROVIDERS = {"https://avatars.corp.internal", "https://cdn.corp.internal"}
@app.route("/av1/<uid>")
def av1(uid):
    provider = request.args.get("provider", "")
    if provider not in PROVIDERS:
        logging.warning("unknown provider %s", provider)
    return requests.get(f"{provider}/u/{uid}.png").content  #!
`,
  },
  {
    name: 'ssrf safe: base URL proven one of a constant collection of URLs (not in + raise, in + request)',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
PROVIDERS = frozenset(["https://avatars.corp.internal", "https://cdn.corp.internal"])
MIRRORS = ("https://m1.corp.internal/", "https://m2.corp.internal/")
@app.route("/av2/<uid>")
def av2(uid):
    provider = request.args.get("provider", "")
    if provider not in PROVIDERS:
        abort(400)
    return requests.get(f"{provider}/u/{uid}.png").content
@app.route("/av3/<uid>")
def av3(uid):
    mirror = request.args.get("mirror", "")
    if mirror in MIRRORS:
        return requests.get(mirror + "files/" + uid).content
    abort(404)
`,
  },
  {
    name: 'ssrf: requests.get and a Session with a tainted URL',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import requests
@app.route("/fetch")
def fetch():
    url = request.args["url"]
    s = requests.Session()
    s.get(url)  #!
    return requests.get(url).text  #!
`,
  },
  {
    name: 'ssrf safe: fixed host with a tainted path or query',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
@app.route("/fetch2")
def fetch2():
    item = request.args["item"]
    return requests.get(f"https://api.example.com/items/{item}").text
`,
  },
  {
    name: 'ssrf safe: host checked against an allow-list (directly or via urlparse result)',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
from urllib.parse import urlparse
HOSTS = {"api.example.com"}
@app.route("/p1")
def p1():
    url = request.args["url"]
    if urlparse(url).hostname not in HOSTS:
        abort(400)
    return requests.get(url).text
@app.route("/p2")
def p2():
    url = request.args["url"]
    parsed = urlparse(url)
    if parsed.netloc not in HOSTS:
        abort(400)
    return requests.get(url).text
`,
  },
  // ---- XXE
  {
    name: 'xxe: lxml parsing request data, and a parser resolving entities',
    rule: 'python-xxe-untrusted',
    vulnerable: true,
    code: `${flask}from lxml import etree
@app.route("/xml", methods=["POST"])
def xml():
    return etree.fromstring(request.data).tag  #!
`,
  },
  {
    name: 'xxe: XMLParser(resolve_entities=True)',
    rule: 'python-xxe-parser',
    vulnerable: true,
    code: `from lxml import etree
parser = etree.XMLParser(resolve_entities=True)  #!
`,
  },
  {
    name: 'xxe safe: defusedxml and resolve_entities=False',
    rule: 'python-xxe-parser',
    vulnerable: false,
    code: `from lxml import etree
import defusedxml.ElementTree as DET
parser = etree.XMLParser(resolve_entities=False)
def parse(data):
    return DET.fromstring(data)
`,
  },
  // ---- TLS verification
  {
    name: 'tls: verify=False, unverified context, check_hostname=False',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `import requests, ssl
requests.get("https://example.com", verify=False)  #!
ctx = ssl._create_unverified_context()  #!
ctx2 = ssl.create_default_context()
ctx2.check_hostname = False  #!
`,
  },
  {
    name: 'tls: check_hostname=False then verify_mode=CERT_NONE is one flaw, reported at CERT_NONE',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `import ssl
def legacy_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #!
    return ctx
`,
  },
  {
    name: 'tls: check_hostname=False followed by something else is still reported',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `import ssl
def pinned_context():
    ctx = ssl.create_default_context(cafile="/etc/ca.pem")
    ctx.check_hostname = False  #!
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx
`,
  },
  {
    name: 'tls safe: verification on or a CA bundle',
    rule: 'python-tls-verification-disabled',
    vulnerable: false,
    code: `import requests, ssl
requests.get("https://example.com", verify=True)
requests.get("https://example.com", verify="/etc/ca.pem")
ctx = ssl.create_default_context()
ctx.check_hostname = True
`,
  },
  // ---- debug
  {
    name: 'debug: a pydantic settings class and a configuration dataclass whose debug field defaults to True',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `from dataclasses import dataclass
from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    app_name: str = "ingest"
    debug: bool = True  #!
@dataclass(frozen=True)
class IngestConfig:
    work_root: str = "/var/lib/ingest"
    debug: bool = True  #!
settings = Settings()
`,
  },
  {
    name: 'debug safe: a development settings class, and a debug field of a class that is no settings',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `from pydantic_settings import BaseSettings
class DevSettings(BaseSettings):
    debug: bool = True
class RetryPolicy:
    debug = True
    attempts = 3
`,
  },
  {
    name: 'debug: app.run(debug=True)',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `${flask}
if __name__ == "__main__":
    app.run(debug=True)  #!
`,
  },
  {
    name: 'debug safe: debug from the environment',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `${flask}import os
app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
app.run(debug=False)
`,
  },
  {
    name: 'debug: DEBUG = True in settings.py',
    rule: 'python-django-debug-setting',
    vulnerable: true,
    file: 'settings.py',
    code: `DEBUG = True  #!
`,
  },
  {
    name: 'debug safe: DEBUG = True outside a settings module',
    rule: 'python-django-debug-setting',
    vulnerable: false,
    file: 'constants.py',
    code: `DEBUG = True
`,
  },
  // ---- tempfile
  {
    name: 'tempfile.mktemp',
    rule: 'python-insecure-tempfile',
    vulnerable: true,
    code: `from tempfile import mktemp
name = mktemp()  #!
`,
  },
  {
    name: 'tempfile safe: mkstemp',
    rule: 'python-insecure-tempfile',
    vulnerable: false,
    code: `import tempfile
fd, name = tempfile.mkstemp()
`,
  },
  // ---- deserialization
  {
    name: 'deserialization: pickle alias and yaml.load without a loader',
    rule: 'python-unsafe-deserialization',
    vulnerable: true,
    code: `from pickle import loads as unpickle
import yaml
def read(blob, text):
    a = unpickle(blob)  #!
    b = yaml.load(text)  #!
    c = yaml.load(text, Loader=yaml.Loader)  #!
    return a, b, c
`,
  },
  {
    name: 'deserialization safe: safe loaders and json',
    rule: 'python-unsafe-deserialization',
    vulnerable: false,
    code: `import json, pickle, yaml
def read(text, obj):
    pickle.dumps(obj)
    return yaml.safe_load(text), yaml.load(text, Loader=yaml.SafeLoader), yaml.load(text, yaml.CSafeLoader), json.loads(text)
`,
  },
  // ---- crypto
  {
    name: 'weak hash: md5 under an alias',
    rule: 'python-weak-hash',
    vulnerable: true,
    code: `from hashlib import md5 as digest
def sign(body):
    return digest(body).hexdigest()  #!
`,
  },
  {
    name: 'weak hash safe: usedforsecurity=False and sha256 of data',
    rule: 'python-weak-hash',
    vulnerable: false,
    code: `import hashlib
def key(body):
    return hashlib.md5(body, usedforsecurity=False).hexdigest() + hashlib.sha256(body).hexdigest()
`,
  },
  {
    name: 'password hash: sha256 of a password',
    rule: 'python-weak-password-hash',
    vulnerable: true,
    code: `import hashlib
def store(user, password):
    user.pw = hashlib.sha256(password.encode()).hexdigest()  #!
`,
  },
  {
    name: 'password hash safe: pbkdf2_hmac',
    rule: 'python-weak-password-hash',
    vulnerable: false,
    code: `import hashlib, os
def store(user, password):
    user.pw = hashlib.pbkdf2_hmac("sha256", password.encode(), os.urandom(16), 600000)
`,
  },
  {
    name: 'cipher: DES and AES in ECB mode',
    rule: 'python-weak-cipher',
    vulnerable: true,
    code: `from Crypto.Cipher import AES, DES
def enc(k, d):
    DES.new(k, DES.MODE_CBC)  #!
    return AES.new(k, AES.MODE_ECB).encrypt(d)  #!
`,
  },
  {
    name: 'cipher safe: AES-GCM',
    rule: 'python-weak-cipher',
    vulnerable: false,
    code: `from Crypto.Cipher import AES
def enc(k, d):
    return AES.new(k, AES.MODE_GCM).encrypt_and_digest(d)
`,
  },
  {
    name: 'rsa: 1024-bit key',
    rule: 'python-weak-rsa-key',
    vulnerable: true,
    code: `from cryptography.hazmat.primitives.asymmetric import rsa
key = rsa.generate_private_key(public_exponent=65537, key_size=1024)  #!
`,
  },
  {
    name: 'rsa safe: 3072-bit key',
    rule: 'python-weak-rsa-key',
    vulnerable: false,
    code: `from cryptography.hazmat.primitives.asymmetric import rsa
key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
`,
  },
  {
    name: 'old TLS protocol constant',
    rule: 'python-old-tls',
    vulnerable: true,
    code: `import ssl
ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)  #!
`,
  },
  {
    name: 'old TLS safe: TLS client protocol',
    rule: 'python-old-tls',
    vulnerable: false,
    code: `import ssl
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.minimum_version = ssl.TLSVersion.TLSv1_2
`,
  },
  {
    name: 'random for a reset token',
    rule: 'python-insecure-random',
    vulnerable: true,
    code: `import random, string
def new_reset_token():
    return "".join(random.choice(string.ascii_letters) for _ in range(24))  #!
`,
  },
  {
    name: 'random safe: dice and secrets',
    rule: 'python-insecure-random',
    vulnerable: false,
    code: `import random, secrets
def roll():
    return random.randint(1, 6)
token = secrets.token_hex(16)
`,
  },
  // ---- credentials
  {
    name: 'credentials: SECRET_KEY literal and a literal password keyword',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import psycopg2
SECRET_KEY = "k3y-for-signing-sessions-0042"  #!
conn = psycopg2.connect(host="db", user="app", password="pg-Pa55word-77")  #!
`,
  },
  {
    name: 'credentials safe: environment lookups, placeholders, non-credential names',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os, psycopg2
SECRET_KEY = os.environ["SECRET_KEY"]
API_KEY = "<your-api-key>"
PASSWORD_FIELD = "password"
TOKEN_URL = "https://auth.example.com/token"
PASSWORD_MIN_LENGTH = 12
conn = psycopg2.connect(host="db", user="app", password=os.getenv("DB_PASSWORD"))
`,
  },
  {
    // Built at run time so that this file holds no token in a provider's format.
    name: 'credentials: full-length provider tokens under credential names (also for `--scanner python` alone)',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `STRIPE_SECRET_KEY = "${'sk_live_' + '4f9a8c1e2b7d6a5f'.repeat(2)}"  #!
SMS_GATEWAY_TOKEN = "${'sk_live_' + '0e9b8a7d6c5f4e3d'.repeat(2)}"  #!
settings = {"github_token": "${'ghp_' + 'A1b2C3d4E5f6'.repeat(3)}"}  #!
`,
  },
  {
    name: 'credentials: a password inside a connection URL',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `from pymongo import MongoClient
client = MongoClient("mongodb://admin:Mongo-Adm1n-pw@mongo.internal:27017/")  #!
`,
  },
  {
    name: 'credentials safe: a URL whose password comes from the environment',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os, sqlalchemy
engine = sqlalchemy.create_engine("postgresql://app:\${DB_PASS}@db/app")
url = f"postgresql://app:{os.environ['DB_PASS']}@db/app"
`,
  },
  // ---- jinja2
  {
    name: 'jinja2 Environment with autoescape off',
    rule: 'python-jinja-autoescape-off',
    vulnerable: true,
    code: `import jinja2
env = jinja2.Environment(loader=jinja2.FileSystemLoader("t"), autoescape=False)  #!
`,
  },
  {
    name: 'jinja2 safe: autoescape on',
    rule: 'python-jinja-autoescape-off',
    vulnerable: false,
    code: `import jinja2
env = jinja2.Environment(loader=jinja2.FileSystemLoader("t"), autoescape=jinja2.select_autoescape())
`,
  },
  // ---- recall mechanisms added with the blind corpus batches 4-7
  {
    name: 'tempfile: module constant under /tmp opened for writing',
    rule: 'python-insecure-tempfile',
    vulnerable: true,
    code: `LOCK = "/tmp/worker.lock"
def lock():
    with open(LOCK, mode="w") as fh:  #!
        fh.write("1")
`,
  },
  {
    name: 'tempfile safe: a /tmp file only read',
    rule: 'python-insecure-tempfile',
    vulnerable: false,
    code: `def read_hint():
    with open("/tmp/hint.txt") as fh:
        return fh.read()
`,
  },
  {
    name: 'tempfile: os.path.join of /tmp then Path write',
    rule: 'python-insecure-tempfile',
    vulnerable: true,
    code: `import pathlib
def save(name, data):
    pathlib.Path("/var/tmp/cache-" + name).write_bytes(data)  #!
`,
  },
  {
    name: 'debug: DEBUG = True in a settings class',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `class SiteSettings:
    DEBUG = True  #!
`,
  },
  {
    name: 'debug safe: DEBUG = True in an unrelated class, False in a config class',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `class Flags:
    DEBUG = True
class Config:
    DEBUG = False
`,
  },
  {
    name: 'cmd: shell=True through dict(...) splatted into the call',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `${flask}import subprocess
@app.route("/x")
def x():
    kwargs = dict(shell=True, timeout=5)
    subprocess.call("convert " + request.args["f"], **kwargs)  #!
`,
  },
  {
    name: 'cmd safe: splatted dict without shell',
    rule: 'python-command-injection',
    vulnerable: false,
    code: `${flask}import subprocess
@app.route("/x")
def x():
    kwargs = {"timeout": 5}
    subprocess.call(["convert", request.args["f"]], **kwargs)
`,
  },
  {
    name: 'ssrf safe: one-line allow-list predicate of the same file',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
from urllib.parse import urlparse
HOSTS = {"a.example.com"}
def permitted(u):
    return urlparse(u).netloc in HOSTS
@app.route("/x")
def x():
    u = request.args["u"]
    if not permitted(u):
        abort(403)
    return requests.get(u).text
`,
  },
  {
    name: 'path: instance attribute set by the constructor from request data',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}
class Report:
    def __init__(self, name):
        self.path = "/srv/reports/" + name
    def body(self):
        with open(self.path) as fh:  #!
            return fh.read()
@app.route("/r")
def r():
    return Report(request.args["name"]).body()
`,
  },
  {
    name: 'xss safe: Markup(...).format escapes; a JSON response is not HTML',
    rule: 'python-xss',
    vulnerable: false,
    code: `${flask}from markupsafe import Markup
from flask import Response
@app.route("/m")
def m():
    return Markup("<b>{}</b>").format(request.args["n"])
@app.route("/j")
def j():
    return Response('{"n": "' + request.args["n"] + '"}', mimetype="application/json")
`,
  },
  // ---- configuration and crypto families (py-config)
  {
    name: 'debug: an environment lookup whose default switches DEBUG on',
    rule: 'python-django-debug-setting',
    vulnerable: true,
    file: 'settings.py',
    code: `import os
DEBUG = os.environ.get("DEBUG", True)  #!
TEMPLATE_DEBUG = os.getenv("TEMPLATE_DEBUG", "True")  #!
`,
  },
  {
    name: 'debug safe: an environment lookup compared with a value; no default',
    rule: 'python-django-debug-setting',
    vulnerable: false,
    file: 'settings.py',
    code: `import os
DEBUG = os.environ.get("DEBUG", "0") == "1"
TEMPLATE_DEBUG = os.environ.get("TEMPLATE_DEBUG", False)
`,
  },
  {
    name: 'debug: a settings module under any name is known by the settings it defines',
    rule: 'python-debug-enabled',
    vulnerable: true,
    file: 'conf_live.py',
    code: `INSTALLED_APPS = ["django.contrib.auth", "shop"]
ROOT_URLCONF = "shop.urls"
DEBUG = True  #!
`,
  },
  {
    name: 'debug safe: a module-level DEBUG flag in a module that is no settings module; test settings',
    rule: 'python-debug-enabled',
    vulnerable: false,
    file: 'gateway.py',
    code: `DEBUG = True
def run():
    return DEBUG
`,
  },
  {
    name: 'debug safe: test settings turn DEBUG on on purpose',
    rule: 'python-debug-enabled',
    vulnerable: false,
    file: 'tests/settings.py',
    code: `INSTALLED_APPS = ["shop"]
DEBUG = True
`,
  },
  {
    name: 'debug: the Werkzeug debugger and app.debug; any object\'s own debug attribute is not',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `from werkzeug.serving import run_simple
from flask import Flask
app = Flask(__name__)
app.debug = True  #!
class Parser:
    def __init__(self):
        self.debug = True
run_simple("localhost", 8000, app, use_debugger=True)  #!
`,
  },
  {
    name: 'cookies: an identifying cookie without flags, explicit secure=False on any cookie',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `${flask}
@app.route("/l")
def l():
    resp = make_response("ok")
    resp.set_cookie("session_id", "abc")  #!
    resp.set_cookie("cart", "x", secure=False)  #!
    resp.set_cookie(key="auth", value="t", secure=True)  #!
    return resp
`,
  },
  {
    name: 'cookies safe: a preference cookie, both flags on, a CookieJar, Tornado set_secure_cookie',
    rule: 'python-cookie-flags',
    vulnerable: false,
    code: `${flask}
import tornado.web
@app.route("/p")
def p():
    resp = make_response("ok")
    resp.set_cookie("lang", request.args.get("l", "en"))
    resp.set_cookie("sid", "x", secure=True, httponly=True, samesite="Lax")
    return resp
def copy(jar, cookie):
    jar.set_cookie(cookie)
class H(tornado.web.RequestHandler):
    def get(self):
        self.set_secure_cookie("user", "x")
`,
  },
  {
    name: 'credentials: the literal default of an environment lookup; keywords of a multi-line call on their own line',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import os
import boto3
from decouple import config
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "mailer-Pa55word")  #!
API_SECRET = config("API_SECRET", default="hf83-Kd9s-2mXq-88aa")  #!
def s3():
    return boto3.client(
        "s3",
        aws_secret_access_key="k7MDENGbPxRfiCYzQ2Lw9vTz",  #!
    )
`,
  },
  {
    name: 'credentials safe: environment lookups with an empty or placeholder default',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os
DB_PASSWORD = os.environ.get("DB_PASSWORD", "")
API_KEY = os.getenv("API_KEY", "changeme")
DB_USER = os.getenv("DB_USER", "postgres")
`,
  },
  {
    name: 'weak password hash: PBKDF2 with few iterations, hashlib.new(...).update(password)',
    rule: 'python-weak-password-hash',
    vulnerable: true,
    code: `import hashlib
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives import hashes
def a(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password, salt, 1000)  #!
def b(password, salt):
    return PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=5000).derive(password)  #!
def c(pw):
    h = hashlib.new("sha256")
    h.update(pw.encode())  #!
    return h.hexdigest()
`,
  },
  {
    name: 'weak password hash safe: PBKDF2 with many iterations',
    rule: 'python-weak-password-hash',
    vulnerable: false,
    code: `import hashlib
def a(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)
`,
  },
  {
    name: 'weak hash: HMAC-MD5 signature; HMAC-SHA1 (TOTP) stays quiet',
    rule: 'python-weak-hash',
    vulnerable: true,
    code: `import hashlib, hmac
def sign(key, body):
    return hmac.new(key, body, hashlib.md5).hexdigest()  #!
def totp(key, counter):
    return hmac.new(key, counter, hashlib.sha1).digest()
`,
  },
  {
    name: 'permissions: chmod with the world-writable bit',
    rule: 'python-permissive-file-mode',
    vulnerable: true,
    code: `import os, stat
from pathlib import Path
def share(p):
    os.chmod(p, 0o777)  #!
    Path(p).chmod(0o666)  #!
    os.chmod(p, stat.S_IWOTH)  #!
`,
  },
  {
    name: 'permissions safe: owner and group only',
    rule: 'python-permissive-file-mode',
    vulnerable: false,
    code: `import os
def keep(p):
    os.chmod(p, 0o640)
    os.chmod(p, 0o755)
`,
  },
  {
    name: 'assert: an access check written as an assert',
    rule: 'python-assert-access-check',
    vulnerable: true,
    code: `def delete(user, project):
    assert user.has_perm("projects.delete"), "forbidden"  #!
    assert request_user.is_admin  #!
    project.delete()
`,
  },
  {
    name: 'assert safe: type and state asserts; asserts in tests',
    rule: 'python-assert-access-check',
    vulnerable: false,
    code: `def total(items):
    assert isinstance(items, list)
    assert len(items) < 1000, "too many"
    return sum(items)
`,
  },
  {
    name: 'mass assignment safe: a standard-library class given **kwargs',
    rule: 'python-mass-assignment',
    vulnerable: false,
    code: `${flask}import subprocess
@app.route("/run")
def run():
    opts = request.get_json()
    return str(subprocess.Popen(["ls"], **opts).wait())
`,
  },
  {
    name: 'debug: a config class known by its module; the switch set through os.environ; run(use_debugger=True)',
    rule: 'python-debug-enabled',
    vulnerable: true,
    file: 'app_config.py',
    code: `import os
class Base:
    TESTING = False
class Production(Base):
    DEBUG = True  #!
os.environ["FLASK_DEBUG"] = "1"  #!
def serve(app):
    app.run(use_debugger=True)  #!
`,
  },
  {
    name: 'debug safe: a class outside any config module; the environment switched off',
    rule: 'python-debug-enabled',
    vulnerable: false,
    file: 'parser.py',
    code: `import os
class Tokenizer:
    DEBUG = True
os.environ["FLASK_DEBUG"] = "0"
`,
  },
  {
    name: 'cookies: Starlette session middleware with https_only=False',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `import os
from starlette.applications import Starlette
from starlette.middleware.sessions import SessionMiddleware
app = Starlette()
app.add_middleware(SessionMiddleware, secret_key=os.environ["S"], https_only=False)  #!
`,
  },
  {
    name: 'credentials: an option default, a basic-auth tuple, an API key header',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import argparse, requests
p = argparse.ArgumentParser()
p.add_argument("--password", default="adm1n-Default!")  #!
p.add_argument("--host", default="localhost")
def call():
    return requests.get("https://x.example", auth=("svc", "Partn3r!Pass"))  #!
HEADERS = {"X-Api-Key": "b3f1c2d4e5f60718293a4b5c"}  #!
`,
  },
  {
    name: 'tls: Elasticsearch verify_certs=False, pycurl SSL_VERIFYPEER 0, ldap OPT_X_TLS_NEVER',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `import pycurl, ldap
from elasticsearch import Elasticsearch
es = Elasticsearch(["https://es:9200"], verify_certs=False)  #!
c = pycurl.Curl()
c.setopt(pycurl.SSL_VERIFYPEER, 0)  #!
c.setopt(pycurl.URL, "https://x")
ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)  #!
`,
  },
  {
    name: 'tempfile: fixed names under gettempdir(), Path("/tmp") / name, a log file in /tmp',
    rule: 'python-insecure-tempfile',
    vulnerable: true,
    code: `import logging, os, tempfile
from pathlib import Path
def lock():
    path = os.path.join(tempfile.gettempdir(), "sync.lock")
    with open(path, "w") as fh:  #!
        fh.write("1")
def spool(name, data):
    (Path("/tmp") / f"{name}.spool").write_bytes(data)  #!
handler = logging.FileHandler("/tmp/app.log")  #!
`,
  },
  {
    name: 'tempfile safe: a private folder from mkdtemp, a log file elsewhere',
    rule: 'python-insecure-tempfile',
    vulnerable: false,
    code: `import logging, os, tempfile
def work():
    d = tempfile.mkdtemp()
    with open(os.path.join(d, "out.txt"), "w") as fh:
        fh.write("1")
handler = logging.FileHandler("/var/log/app/app.log")
`,
  },
  {
    name: 'deserialization and XXE: yaml.full_load, xmltodict with entities on',
    rule: 'python-unsafe-deserialization',
    vulnerable: true,
    code: `import yaml
def rules(text):
    return yaml.full_load(text)  #!
`,
  },
  {
    name: 'xxe: xmltodict.parse(disable_entities=False); the default is safe',
    rule: 'python-xxe-parser',
    vulnerable: true,
    code: `import xmltodict
def a(x):
    return xmltodict.parse(x, disable_entities=False)  #!
def b(x):
    return xmltodict.parse(x)
`,
  },
  {
    name: 'mass assignment safe: self.kwargs outside a Django view is no request data',
    rule: 'python-mass-assignment',
    vulnerable: false,
    code: `class Factory:
    def __init__(self, klass, **kwargs):
        self.klass = klass
        self.kwargs = kwargs
    def make(self):
        return Widget(**self.kwargs)
`,
  },
  {
    name: 'xss safe: standard input written by a terminal client',
    rule: 'python-xss',
    vulnerable: false,
    code: `import sys
class Client:
    def write(self, data):
        pass
    def interact(self):
        line = sys.stdin.readline()
        self.write(line.encode("ascii"))
`,
  },
  // ---- families added with the own5/own6 batches and blind5
  {
    name: 'redirect: request data straight into redirect()',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `${flask}from flask import redirect
@app.route("/done")
def done():
    nxt = request.args.get("next", "/")
    return redirect(nxt)  #!
`,
  },
  {
    name: 'redirect: Django HttpResponseRedirect from the Referer header',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from django.http import HttpResponseRedirect
def back(request):
    return HttpResponseRedirect(request.META.get("HTTP_REFERER", "/"))  #!
`,
  },
  {
    name: 'redirect safe: a path of this site, url_for, an allow-listed host, a checked URL',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `${flask}from flask import redirect, url_for
from urllib.parse import urlparse
HOSTS = {"shop.example.com"}
@app.route("/a")
def a():
    return redirect("/profile/" + request.args["slug"])
@app.route("/b")
def b():
    return redirect(url_for("profile", slug=request.args["slug"]))
@app.route("/c")
def c():
    target = request.args["to"]
    host = urlparse(target).netloc
    if host not in HOSTS:
        abort(400)
    return redirect(target)
@app.route("/d")
def d():
    target = request.args["to"]
    if not is_safe_url(target):
        abort(400)
    return redirect(target)
`,
  },
  {
    name: 'redirect: Tornado self.redirect in a handler method',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `import tornado.web
class Go(tornado.web.RequestHandler):
    def get(self):
        self.redirect(self.get_argument("to"))  #!
`,
  },
  {
    name: 'ldap: python-ldap filter built with % from a parameter',
    rule: 'python-ldap-injection',
    vulnerable: true,
    code: `import ldap
def find(conn, uid):
    return conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=%s)" % uid)  #!
`,
  },
  {
    name: 'ldap: ldap3 Connection.search with an f-string filter',
    rule: 'python-ldap-injection',
    vulnerable: true,
    code: `from ldap3 import Connection
def find(server, name):
    conn = Connection(server, auto_bind=True)
    conn.search("dc=x", f"(cn={name})")  #!
`,
  },
  {
    name: 'ldap safe: escaped values and a constant filter; re.search is not LDAP',
    rule: 'python-ldap-injection',
    vulnerable: false,
    code: `import ldap, re
from ldap.filter import escape_filter_chars, filter_format
def find(conn, uid):
    conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(uid))
    conn.search_s("dc=x", ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [uid]))
    conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(objectClass=person)")
    return re.search("a" + uid, uid)
`,
  },
  {
    name: 'jwt: decode with verify_signature off (inline and through a variable)',
    rule: 'python-jwt-unverified',
    vulnerable: true,
    code: `import jwt
def claims(token):
    return jwt.decode(token, options={"verify_signature": False})  #!
def claims2(token):
    opts = {"verify_signature": False}
    return jwt.decode(token, "k", algorithms=["HS256"], options=opts)  #!
`,
  },
  {
    name: 'jwt: the none algorithm accepted; PyJWT 1 verify=False',
    rule: 'python-jwt-unverified',
    vulnerable: true,
    code: `import jwt
def claims(token, key):
    return jwt.decode(token, key, algorithms=["HS256", "none"])  #!
def old(token):
    return jwt.decode(token, verify=False)  #!
`,
  },
  {
    name: 'jwt safe: key and algorithms; only expiry relaxed; unverified header for the key id',
    rule: 'python-jwt-unverified',
    vulnerable: false,
    code: `import jwt
def claims(token, key):
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.decode(token, key, algorithms=["RS256"], options={"verify_exp": False})
`,
  },
  {
    name: 'cookie: set_cookie without secure or httponly',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `${flask}from flask import jsonify
@app.route("/r")
def r():
    resp = jsonify(ok=True)
    resp.set_cookie("token", "x", httponly=True)  #!
    resp.set_cookie("sid", "y", secure=True, httponly=False)  #!
    return resp
`,
  },
  {
    name: 'cookie: Django settings turn the secure flag off',
    rule: 'python-cookie-flags',
    vulnerable: true,
    file: 'settings.py',
    code: `SESSION_COOKIE_SECURE = False  #!
CSRF_COOKIE_SECURE = True
`,
  },
  {
    name: 'cookie safe: secure and httponly set',
    rule: 'python-cookie-flags',
    vulnerable: false,
    code: `${flask}from flask import jsonify
@app.route("/r")
def r():
    resp = jsonify(ok=True)
    resp.set_cookie("sid", "y", secure=True, httponly=True, samesite="Lax")
    return resp
`,
  },
  {
    name: 'mass assignment: Model(**request data), objects.create(**...), setattr loop',
    rule: 'python-mass-assignment',
    vulnerable: true,
    code: `import json
from django.http import JsonResponse
from .models import Supplier
def create(request):
    payload = json.loads(request.body)
    s = Supplier(**payload)  #!
    Supplier.objects.create(**request.POST.dict())  #!
    for k, v in payload.items():
        setattr(s, k, v)  #!
    return JsonResponse({})
`,
  },
  {
    name: 'mass assignment safe: allow-listed keys, literal keys, a guarded setattr',
    rule: 'python-mass-assignment',
    vulnerable: false,
    code: `import json
from django.http import JsonResponse
from .models import Supplier
ALLOWED = ("name", "phone")
def update(request, pk):
    payload = json.loads(request.body)
    clean = {k: v for k, v in payload.items() if k in ALLOWED}
    Supplier.objects.filter(pk=pk).update(**clean)
    Supplier.objects.filter(pk=pk).update(**{"name": payload.get("name")})
    s = Supplier.objects.get(pk=pk)
    for k, v in payload.items():
        if k in ALLOWED:
            setattr(s, k, v)
    return JsonResponse({})
`,
  },
  {
    name: 'hasher: MD5PasswordHasher in PASSWORD_HASHERS',
    rule: 'python-weak-password-hasher-setting',
    vulnerable: true,
    code: `PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  #!
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
`,
  },
  {
    name: 'hasher safe: slow salted hashers only',
    rule: 'python-weak-password-hasher-setting',
    vulnerable: false,
    code: `PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
`,
  },
  {
    name: 'sources: Tornado, Falcon and Bottle request data reach sinks',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import tornado.web
from bottle import request as brequest, route
class Files(tornado.web.RequestHandler):
    def get(self, name):
        open(os.path.join("/srv", name)).close()  #!
        open(self.get_argument("p")).close()  #!
class Res:
    def on_get(self, req, resp, name):
        open("/srv/" + name).close()  #!
        open(req.get_param("p")).close()  #!
@route("/b")
def b():
    return open(brequest.query.get("p")).read()  #!
`,
  },
  {
    name: 'sources: Celery task arguments are message data',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
from celery import shared_task
@shared_task
def fetch(url):
    return requests.get(url, timeout=5).json()  #!
`,
  },
  {
    name: 'xss safe: a file read through a helper is not request text; Tornado write of a dict is JSON',
    rule: 'python-xss',
    vulnerable: false,
    code: `import os
import tornado.web
from aiohttp import web
def load(name):
    return open(os.path.join("/srv/t", os.path.basename(name))).read()
async def page(request):
    body = load(request.match_info["name"])
    return web.Response(text=body, content_type="text/html")
class H(tornado.web.RequestHandler):
    def get(self):
        self.write({"q": self.get_argument("q")})
`,
  },
  {
    name: 'ssrf safe: a parsed URL whose host is checked is passed on as str(parsed)',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import httpx
HOSTS = {"hooks.example.com"}
@app.route("/n")
def n():
    parsed = httpx.URL(request.args["u"])
    if parsed.scheme != "https" or parsed.host not in HOSTS:
        abort(400)
    return httpx.post(str(parsed), json={}).text
`,
  },
  {
    name: 'path safe: commonpath of the resolved path and the root',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}import os
ROOT = "/srv/files"
@app.route("/f")
def f():
    p = os.path.realpath(os.path.join(ROOT, request.args["n"]))
    if os.path.commonpath([p, ROOT]) != ROOT:
        abort(403)
    return send_file(p)
`,
  },
  {
    name: 'tempfile: helper returning a /tmp name',
    rule: 'python-insecure-tempfile',
    vulnerable: true,
    code: `def lock_path(n):
    return "/tmp/job-%s.lock" % n
def lock(n):
    with open(lock_path(n), "w") as fh:  #!
        fh.write("1")
`,
  },
  // ---- families added with the own7 batch
  {
    name: 'regex: pattern compiled from request data',
    rule: 'python-regex-injection',
    vulnerable: true,
    code: `${flask}import re
@app.route("/g")
def g():
    return str(re.search(request.args["p"], "text"))  #!
`,
  },
  {
    name: 'regex safe: re.escape, and request text as the subject',
    rule: 'python-regex-injection',
    vulnerable: false,
    code: `${flask}import re
@app.route("/g")
def g():
    q = request.args["q"]
    return str(re.search(re.escape(q), "text")) + str(re.match(r"^[a-z]+$", q))
`,
  },
  {
    name: 'nosql: an Elasticsearch query made from JSON text formatted with request data',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `${flask}import json
from elasticsearch import Elasticsearch
es = Elasticsearch("http://es:9200")
TENANT_QUERY = '{"query": {"bool": {"filter": [{"term": {"tenant": "%s"}}], "must": [{"match": {"notes": "%s"}}]}}}'
@app.get("/search")
def search():
    resp = es.search(index="orders", body=json.loads(TENANT_QUERY % (request.args["tenant"], request.args["q"])))  #!
    return resp["hits"]
`,
  },
  {
    name: 'nosql: an Elasticsearch query object of its own with request values in it',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `${flask}from elasticsearch import Elasticsearch
es = Elasticsearch("http://es:9200")
FIELDS = {"customer", "sku"}
@app.get("/search")
def search():
    field = request.args.get("field", "customer")
    if field not in FIELDS:
        field = "customer"
    resp = es.search(index="orders", query={"match": {field: {"query": request.args["q"]}}}, size=20)
    return resp["hits"]
`,
  },
  {
    name: 'nosql safe: request values made strings in a filter dict kept in a variable',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `${flask}from pymongo import MongoClient
events = MongoClient().app.events
@app.get("/events")
def list_events():
    query = {"tenant_id": str(request.args["tenant"]), "kind": {"$in": [str(k) for k in request.args.getlist("kind")]}}
    return {"events": list(events.find(query, {"_id": 0}))}
`,
  },
  {
    name: 'nosql: request JSON as the query; $where built from request data',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `${flask}from pymongo import MongoClient
users = MongoClient().app.users
@app.route("/u", methods=["POST"])
def u():
    return str(list(users.find(request.get_json())))  #!
@app.route("/w")
def w():
    return str(users.find_one({"$where": "this.age > " + request.args["a"]}))  #!
`,
  },
  {
    name: 'nosql safe: a query dict with its own keys; str.find; a constant $where',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `${flask}from pymongo import MongoClient
users = MongoClient().app.users
@app.route("/u")
def u():
    name = request.args["n"]
    users.find({"name": str(name)})
    users.find({"$where": "this.age > 18"})
    return str(name.find(request.args["x"]))
`,
  },
  {
    name: 'reflection: module imported by a request-chosen name',
    rule: 'python-unsafe-reflection',
    vulnerable: true,
    code: `${flask}import importlib
@app.route("/p")
def p():
    return importlib.import_module(request.args["m"]).run()  #!
`,
  },
  {
    name: 'xpath: expression concatenated with request data; safe with variables',
    rule: 'python-xpath-injection',
    vulnerable: true,
    code: `${flask}from lxml import etree
TREE = etree.parse("/srv/c.xml")
@app.route("/x")
def x():
    sku = request.args["sku"]
    TREE.xpath("//item[@sku=$sku]", sku=sku)
    return str(TREE.xpath("//item[@sku='" + sku + "']"))  #!
`,
  },
  {
    name: 'permissions: world-writable chmod; 0o640 is fine',
    rule: 'python-permissive-file-mode',
    vulnerable: true,
    code: `import os, stat
def publish(p):
    os.chmod(p, 0o640)
    os.chmod(p, 0o777)  #!
    os.chmod(p, stat.S_IRWXU | stat.S_IRWXO)  #!
`,
  },
  {
    name: 'cors: any origin with credentials (flask-cors, FastAPI, Django setting)',
    rule: 'python-cors-any-origin',
    vulnerable: true,
    code: `from flask import Flask
from flask_cors import CORS
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
app = Flask(__name__)
CORS(app, origins="*", supports_credentials=True)  #!
api = FastAPI()
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  #!
CORS_ALLOW_ALL_ORIGINS = True  #!
`,
  },
  {
    name: 'cors safe: listed origins with credentials; any origin without credentials',
    rule: 'python-cors-any-origin',
    vulnerable: false,
    code: `from flask import Flask
from flask_cors import CORS
app = Flask(__name__)
CORS(app, origins=["https://app.example.com"], supports_credentials=True)
CORS(app, origins="*")
`,
  },
  {
    name: 'cors: the request Origin echoed; a fixed origin is fine',
    rule: 'python-cors-reflected-origin',
    vulnerable: true,
    code: `from django.http import HttpResponse
def ping(request):
    resp = HttpResponse("pong", content_type="text/plain")
    resp["Access-Control-Allow-Origin"] = "https://app.example.com"
    resp["Access-Control-Allow-Origin"] = request.headers.get("Origin", "")  #!
    return resp
`,
  },
  {
    name: 'csrf: csrf_exempt on a view; WTF_CSRF_ENABLED off',
    rule: 'python-csrf-disabled',
    vulnerable: true,
    code: `from django.views.decorators.csrf import csrf_exempt
from django.http import JsonResponse
@csrf_exempt  #!
def transfer(request):
    return JsonResponse({})
WTF_CSRF_ENABLED = False  #!
`,
  },
  {
    name: 'cleartext: telnet session',
    rule: 'python-cleartext-protocol',
    vulnerable: true,
    code: `import telnetlib
def status(host):
    tn = telnetlib.Telnet(host, 23)  #!
    return tn.read_all()
`,
  },
  // ---- own8 batch
  {
    name: 'template injection: Django Template built from request data; rendering with a context is safe',
    rule: 'python-xss',
    vulnerable: true,
    code: `from django.http import HttpResponse
from django.template import Context, Template
def greet(request):
    tpl = Template("<p>Hello " + request.GET.get("name", "") + "</p>")  #!
    safe = Template("<p>{{ name }}</p>").render(Context({"name": request.GET.get("name", "")}))
    return HttpResponse(tpl.render(Context({})) + safe)
`,
  },
  {
    name: 'credentials: a bearer token in an Authorization header; a placeholder or a variable is fine',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import os
HEADERS = {"Authorization": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"}  #!
OK1 = {"Authorization": "Bearer " + os.environ["TOKEN"]}
OK2 = {"Authorization": "Bearer <token>"}
`,
  },
  {
    name: 'csrf safe: a test configuration class switches CSRF off for its form posts',
    rule: 'python-csrf-disabled',
    vulnerable: false,
    code: `class TestingConfig:
    TESTING = True
    WTF_CSRF_ENABLED = False
class IntegrationTests(Base):
    WTF_CSRF_ENABLED = False
`,
  },
  {
    name: 'mass assignment safe: a Pydantic body dumped, a serializer\'s validated_data; preference cookies',
    rule: 'python-mass-assignment',
    vulnerable: false,
    code: `from fastapi import FastAPI
from pydantic import BaseModel
from rest_framework.decorators import api_view
from .models import Item, Order
app = FastAPI()
class ItemIn(BaseModel):
    name: str
@app.post("/items")
def create(item: ItemIn):
    Item(**item.dict(), owner_id=1)
    Item(**item.model_dump())
    return {}
@api_view(["POST"])
def order(request):
    s = OrderSerializer(data=request.data)
    s.is_valid(raise_exception=True)
    Order.objects.create(**s.validated_data)
`,
  },
  {
    name: 'cookie safe: a preference cookie (theme) is not a secret',
    rule: 'python-cookie-flags',
    vulnerable: false,
    code: `def prefs(request, resp):
    resp.set_cookie("theme", "dark")
    resp.set_cookie(key="lang", value="en")
`,
  },
  {
    name: 'credentials: a word-like secret key and a literal AES key',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `from Crypto.Cipher import AES
from flask import Flask
app = Flask(__name__)
app.secret_key = "super-secret-key"  #!
key = "name"
def enc(data):
    return AES.new(b"0123456789abcdef", AES.MODE_GCM).encrypt(data)  #!
`,
  },
  {
    name: 'cmd: the whole argument list from request data',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `${flask}import shlex, subprocess
@app.route("/r")
def r():
    subprocess.run(["git", "log", request.args["ref"]])
    subprocess.run(shlex.split(request.args["cmd"]))  #!
    return "ok"
`,
  },
  {
    name: 'cmd: a shell list held in a variable; an own-program tuple in a variable is fine',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import subprocess, sys
def run(ref):
    cmd = ("git", "rev-parse", sys.stdin.readline())
    subprocess.check_output(cmd)
    base = ["git", "log"] + sys.argv[1:]
    subprocess.check_output(base)
    shell = ["sh", "-c", sys.argv[1]]
    subprocess.run(shell)  #!
`,
  },
  // ---- framework escapers (Tornado, Bottle, Django conditional_escape) clear XSS like html.escape
  {
    name: 'xss safe: Tornado xhtml_escape, Bottle html_escape, Django conditional_escape',
    rule: 'python-xss',
    vulnerable: false,
    code: `import tornado.web
import tornado.escape
from tornado.escape import xhtml_escape
from bottle import route, request, html_escape
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
class H(tornado.web.RequestHandler):
    def get(self):
        q = self.get_argument("q", "")
        self.write("<h3>" + tornado.escape.xhtml_escape(q) + "</h3>")
        self.write(f"<p>{xhtml_escape(self.get_argument('n'))}</p>")
@route("/p", method="POST")
def p():
    body = request.forms.get("body", "")
    return "<div>%s</div>" % html_escape(body)
def ctx(request):
    s = request.GET.get("s", "")
    return mark_safe(f"<small>{conditional_escape(s)}</small>")
`,
  },
  {
    name: 'xss: Tornado write of request text, unescaped beside an escaped one',
    rule: 'python-xss',
    vulnerable: true,
    code: `import tornado.web
import tornado.escape
class H(tornado.web.RequestHandler):
    def get(self):
        q = self.get_argument("q", "")
        self.write("<h3>" + tornado.escape.xhtml_escape(q) + "</h3>" + q)  #!
`,
  },
  // ---- credentials: the password is not always the second argument
  {
    name: 'credentials safe: ldap3/FTP user name (second argument) with the password from the environment',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os, ldap3, ftplib
conn = ldap3.Connection("ldap://x", "cn=reader,dc=corp,dc=example,dc=com", os.environ["PW"], auto_bind=True)
ftp = ftplib.FTP("ftp.example.com", "backup-user01", os.environ["FTP_PW"])
`,
  },
  {
    name: 'credentials: ldap3/FTP password literal by position or keyword',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import ldap3, ftplib
conn = ldap3.Connection("ldap://x", "cn=reader,dc=corp", "Rd-pass-2024x")  #!
ftp = ftplib.FTP("ftp.example.com", user="backup", passwd="Ftp-pass-99z")  #!
`,
  },
  // ---- a command's output is not the request text in its arguments
  {
    name: 'xss safe: the output of a command run with request arguments',
    rule: 'python-xss',
    vulnerable: false,
    code: `${flask}import os, subprocess, shlex
@app.route("/tail")
def tail():
    name = os.path.basename(request.args["file"])
    out = subprocess.run(["tail", "-n", "50", name], capture_output=True, text=True)
    listing = subprocess.check_output(["ls", name]).decode()
    stream = os.popen("wc -l " + shlex.quote(name))
    return "<pre>" + out.stdout + listing + stream.read() + "</pre>"
`,
  },
  {
    name: 'xss: request text beside the command output is still flagged',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}import subprocess
@app.route("/tail")
def tail():
    name = request.args["file"]
    out = subprocess.run(["tail", name], capture_output=True, text=True)
    return "<h3>" + name + "</h3><pre>" + out.stdout + "</pre>"  #!
`,
  },
  // ---- HTTP clients: every verb of a session/client object is a request
  {
    name: 'ssrf: httpx.AsyncClient / aiohttp ClientSession put, patch, delete with a request URL',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import httpx, aiohttp
from starlette.requests import Request
async def deliver(request: Request):
    body = await request.json()
    async with httpx.AsyncClient() as client:
        await client.put(body["destination"], content=b"x")  #!
        await client.delete(body["hook"])  #!
    async with aiohttp.ClientSession() as session:
        await session.patch(body["target"], json={})  #!
`,
  },
  {
    name: 'ssrf safe: client verbs on a fixed base URL',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `import httpx
from starlette.requests import Request
async def deliver(request: Request):
    body = await request.json()
    async with httpx.AsyncClient() as client:
        await client.put("https://hooks.example.com/v1/" + body["id"], content=b"x")
`,
  },
  // ---- aiohttp FileResponse is a file sink like Starlette's
  {
    name: 'path: aiohttp web.FileResponse with a joined match_info part',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from aiohttp import web
async def asset(request: web.Request):
    name = request.match_info["name"]
    return web.FileResponse(os.path.join("/srv/assets", name))  #!
`,
  },
  {
    name: 'path safe: aiohttp web.FileResponse with a basename',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
from aiohttp import web
async def asset(request: web.Request):
    name = os.path.basename(request.match_info["name"])
    return web.FileResponse(os.path.join("/srv/assets", name))
`,
  },
  // ---- debug switches: Bottle's global one, a settings dict handed to the application
  {
    name: 'debug: bottle.debug(True) and settings["debug"] = True',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `import bottle, tornado.web
bottle.debug(True)  #!
def make_app():
    settings = {"login_url": "/login"}
    settings["debug"] = True  #!
    return tornado.web.Application([], **settings)
`,
  },
  {
    name: 'debug safe: bottle.debug(False), debug read from the environment',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `import os, bottle
bottle.debug(False)
settings = {}
settings["debug"] = os.environ.get("APP_DEBUG") == "1"
`,
  },
  // ---- Bottle and Mako templates built from request text
  {
    name: 'ssti: bottle.template source built from a query parameter',
    rule: 'python-xss',
    vulnerable: true,
    code: `from bottle import route, request, template
@route("/r")
def r():
    header = request.query.get("header", "Note")
    return template("<h1>" + header + "</h1><p>{{body}}</p>", body="...")  #!
`,
  },
  {
    name: 'ssti safe: bottle.template with a fixed source and request values as variables',
    rule: 'python-xss',
    vulnerable: false,
    code: `from bottle import route, request, template
@route("/r")
def r():
    header = request.query.get("header", "Note")
    return template("<h1>{{header}}</h1>", header=header)
`,
  },
  // ---- a handler base class defined in the file passes on its framework base
  {
    name: 'path: Tornado handler through a same-file BaseHandler, URL capture into open()',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import tornado.web
class BaseHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        return self.get_secure_cookie("user")
class AdminBase(BaseHandler):
    pass
class DownloadLogHandler(AdminBase):
    def get(self, name):
        with open(os.path.join("/var/log/app", name), "rb") as fh:  #!
            self.write(fh.read())
`,
  },
  {
    name: 'path safe: same-file BaseHandler, URL capture reduced to a basename',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
import tornado.web
class BaseHandler(tornado.web.RequestHandler):
    pass
class DownloadLogHandler(BaseHandler):
    def get(self, name):
        with open(os.path.join("/var/log/app", os.path.basename(name)), "rb") as fh:
            self.write(fh.read())
class Helper:
    def get(self, name):
        return open(name).read()
`,
  },
  // ---- a lookup in a constant dict of URLs fixes the host, whatever key the request picks
  {
    name: 'ssrf safe: base URL looked up in a module dict of fixed upstreams, request text after it',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
UPSTREAMS = {"billing": "http://billing.internal:8080", "search": "http://search.internal:9200/api"}
@app.route("/up/<name>/<path:tail>")
def up(name, tail):
    base = UPSTREAMS.get(name)
    if base is None:
        abort(404)
    requests.get(f"{base}/{tail}", timeout=5)
    requests.get(UPSTREAMS[name] + "/" + tail, timeout=5)
`,
  },
  {
    name: 'ssrf: dict of hosts without a scheme, or a default taken from the request',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import requests
HOSTS = {"billing": "billing.internal"}
UPSTREAMS = {"billing": "http://billing.internal:8080"}
@app.route("/up/<name>/<path:tail>")
def up(name, tail):
    requests.get(f"{HOSTS.get(name)}{tail}", timeout=5)  #!
    requests.get(f"{UPSTREAMS.get(name, request.args['u'])}/{tail}", timeout=5)  #!
`,
  },
  {
    name: 'redirect safe: a URL refused when it names a host',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `${flask}from flask import redirect
from urllib.parse import urlparse
@app.route("/a")
def a():
    nxt = request.args.get("next", "/")
    if urlparse(nxt).netloc:
        abort(400)
    return redirect(nxt)
@app.route("/b")
def b():
    nxt = request.args.get("next", "/")
    host = urlparse(nxt).netloc
    if host:
        return redirect("/")
    return redirect(nxt)
`,
  },
  {
    name: 'sqli: FastAPI parameter typed with a str subclass (not an Enum) still flows',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from fastapi import FastAPI
import sqlite3
app = FastAPI()
class Dept(str):
    pass
@app.get("/d")
def d(department: Dept):
    cur = sqlite3.connect("x.db").cursor()
    cur.execute(f"SELECT id FROM doctors WHERE dept = '{department}'")  #!
`,
  },
  {
    name: 'sqli safe: FastAPI parameter typed with an Enum subclass is a closed set (.value, .name, the member)',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from enum import Enum, IntEnum
from typing import Optional
from fastapi import FastAPI
import sqlite3
app = FastAPI()
class Dept(str, Enum):
    cardio = "cardio"
    neuro = "neuro"
class Level(IntEnum):
    low = 1
@app.get("/d")
def d(department: Dept, level: Optional[Level] = None):
    cur = sqlite3.connect("x.db").cursor()
    cur.execute(f"SELECT id FROM doctors WHERE dept = '{department.value}'")
    cur.execute(f"SELECT id FROM doctors WHERE dept = '{department.name}' AND lvl = {level}")
    cur.execute(f"SELECT id FROM doctors WHERE dept = '{department}'")
`,
  },
  {
    name: 'redirect: a host check whose failing branch keeps the value (or only one side of an and) still flows',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse
app = FastAPI()
HOSTS = {"a.example"}
@app.get("/a")
def a(next: str = "/"):
    parsed = urlparse(next)
    if parsed.netloc and parsed.scheme == "https":
        next = "/"
    return RedirectResponse(next)  #!
@app.get("/b")
def b(next: str = "/"):
    parsed = urlparse(next)
    if parsed.netloc and parsed.netloc not in HOSTS:
        log = "/"
    return RedirectResponse(next)  #!
`,
  },
  {
    name: 'redirect safe: a failing host check that replaces the value with a constant (if bad and bad: x = CONST)',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse
app = FastAPI()
HOSTS = {"a.example"}
@app.get("/a")
def a(next: str = "/"):
    parsed = urlparse(next)
    if parsed.netloc and parsed.netloc not in HOSTS:
        next = "/"
    return RedirectResponse(next)
@app.get("/b")
def b(next: str = "/"):
    if urlparse(next).netloc:
        next = "/"
    return RedirectResponse(next)
@app.get("/c")
def c(next: str = "/"):
    parsed = urlparse(next)
    if parsed.netloc and parsed.netloc not in HOSTS:
        return RedirectResponse("/")
    return RedirectResponse(next)
`,
  },
  {
    name: 'archive: a member loop that only skips bad members (continue), or checks nothing, still extracts all',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `${flask}import tarfile, os
from pathlib import Path
@app.route("/a", methods=["POST"])
def a():
    dest = Path("/srv/in").resolve()
    with tarfile.open(fileobj=request.files["f"]) as tf:
        for member in tf.getmembers():
            target = (dest / member.name).resolve()
            if not str(target).startswith(str(dest) + os.sep):
                continue
        tf.extractall(dest)  #!
@app.route("/b", methods=["POST"])
def b():
    with tarfile.open(fileobj=request.files["f"]) as tf:
        for member in tf.getmembers():
            print(member.name)
        tf.extractall("/srv/in")  #!
`,
  },
  {
    name: 'archive safe: every member checked in a loop that raises before extractall',
    rule: 'python-archive-extraction',
    vulnerable: false,
    code: `${flask}import tarfile, zipfile, os
from pathlib import Path
@app.route("/a", methods=["POST"])
def a():
    dest = Path("/srv/in").resolve()
    with tarfile.open(fileobj=request.files["f"]) as tf:
        for member in tf.getmembers():
            target = (dest / member.name).resolve()
            if not str(target).startswith(str(dest) + os.sep) or member.issym() or member.islnk():
                raise ValueError("bad member")
        tf.extractall(dest)
@app.route("/b", methods=["POST"])
def b():
    with zipfile.ZipFile(request.files["f"]) as zf:
        for name in zf.namelist():
            if name.startswith("/") or ".." in name:
                abort(400)
        zf.extractall("/srv/in")
`,
  },
  {
    name: 'deserialization: shelve.open of a caller-chosen path (parameter, request data)',
    rule: 'python-unsafe-deserialization',
    vulnerable: true,
    code: `${flask}import shelve
def load_cache(path):
    with shelve.open(path) as db:  #!
        return dict(db)
@app.route("/c")
def c():
    db = shelve.open("/var/cache/" + request.args["name"])  #!
    return str(db.get("k"))
`,
  },
  {
    name: 'deserialization safe: shelve.open of the application\'s own constant path',
    rule: 'python-unsafe-deserialization',
    vulnerable: false,
    code: `${flask}import shelve
CACHE_DB = "/var/cache/app/datasets"
@app.route("/c/<key>")
def c(key):
    with shelve.open(CACHE_DB) as db:
        entry = db.get(key)
    with shelve.open("/var/cache/app/other", flag="r") as db2:
        other = db2.get(key)
    return {"entry": str(entry), "other": str(other)}
`,
  },
  {
    name: 'xss: Tornado self.write of request data (the key itself) is still HTML',
    rule: 'python-xss',
    vulnerable: true,
    code: `import shelve
import tornado.web
CACHE_DB = "/var/cache/app/datasets"
class H(tornado.web.RequestHandler):
    def get(self, key):
        with shelve.open(CACHE_DB) as db:
            entry = db.get(key)
        self.write("missing: " + key)  #!
`,
  },
  {
    name: 'xss safe: Tornado self.write of a value read from a local shelve store (stored data, not request data)',
    rule: 'python-xss',
    vulnerable: false,
    code: `import shelve
import tornado.web
CACHE_DB = "/var/cache/app/datasets"
class H(tornado.web.RequestHandler):
    def get(self, key):
        with shelve.open(CACHE_DB) as db:
            entry = db.get(key)
        self.write(entry or {})
`,
  },
  {
    name: 'insecure random: a 6-digit code from randint kept as a *_code, and a string drawn from an alphabet',
    rule: 'python-insecure-random',
    vulnerable: true,
    code: `import random, string
def page():
    pager_code = str(random.randint(100000, 999999))  #!
    return pager_code
def book():
    confirmation = "".join(random.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))  #!
    ref = "".join(random.choices(string.ascii_uppercase + string.digits, k=10))  #!
    return confirmation, ref
`,
  },
  {
    name: 'insecure random safe: small ranges, status codes, choices from a list, secrets',
    rule: 'python-insecure-random',
    vulnerable: false,
    code: `import random, secrets
def sim():
    status_code = random.choice([200, 500, 503])
    retry_code = random.randint(1, 5)
    colour = random.choice("rgb")
    error_code = random.randint(100, 999)
    code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    return status_code, retry_code, colour, error_code, code
`,
  },
  {
    name: 'sqli: asyncpg connection from a pool (async with pool.acquire() as conn) with a formatted query',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `import asyncpg
class DeviceStore:
    def __init__(self, pool):
        self.pool = pool
    async def by_firmware(self, version):
        async with self.pool.acquire() as conn:
            return await conn.fetch(f"SELECT serial FROM devices WHERE firmware = '{version}'")  #!
`,
  },
  {
    name: 'sqli safe: asyncpg pool connection with $1 parameters, and an HTTP client fetch of a formatted URL',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `import asyncpg
class DeviceStore:
    def __init__(self, pool, http):
        self.pool = pool
        self.http = http
    async def find(self, serial):
        async with self.pool.acquire() as conn:
            return await conn.fetchrow("SELECT * FROM devices WHERE serial = $1", serial)
    async def remote(self, serial):
        return await self.http.fetch(f"https://api.example.com/devices/{serial}")
`,
  },
  // ---- check functions of the file: predicates over several statements, validators that raise
  {
    name: 'ssrf safe: multi-statement predicate (parsed = urlparse(url); return scheme and hostname in HOSTS)',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
from urllib.parse import urlparse
PARTNERS = {"api.partner.example", "hooks.partner.example"}
def _partner_url_ok(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "https" and parsed.hostname in PARTNERS
@app.post("/ping")
def ping():
    target = request.get_json()["url"]
    if not _partner_url_ok(target):
        return {"error": "no"}, 400
    return {"s": requests.get(target, timeout=5).status_code}
`,
  },
  {
    name: 'ssrf: a multi-statement predicate that checks something other than the host proves nothing',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import requests
from urllib.parse import urlparse
def _looks_like_url(url: str) -> bool:
    parsed = urlparse(url)
    return len(parsed.path) < 200
@app.post("/ping")
def ping():
    target = request.get_json()["url"]
    if not _looks_like_url(target):
        abort(400)
    return {"s": requests.get(target, timeout=5).status_code}  #!
`,
  },
  {
    name: 'ssrf safe: predicate with try/except returning False and an ip_network check of the parsed host',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `import ipaddress
from urllib.parse import urlparse
import aiohttp
from aiohttp import web
routes = web.RouteTableDef()
def in_lan(url):
    host = urlparse(url).hostname or ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip in ipaddress.ip_network("10.20.0.0/16") and not ip.is_loopback
@routes.get("/snap")
async def snap(request):
    src = request.query.get("src", "")
    if not in_lan(src):
        raise web.HTTPForbidden()
    async with aiohttp.ClientSession() as s:
        async with s.get(src) as r:
            return web.Response(body=await r.read())
`,
  },
  {
    name: 'ssrf: the same predicate shape, but the request goes out when the check FAILS',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import ipaddress
from urllib.parse import urlparse
import aiohttp
from aiohttp import web
routes = web.RouteTableDef()
def in_lan(url):
    host = urlparse(url).hostname or ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip in ipaddress.ip_network("10.20.0.0/16")
@routes.get("/snap")
async def snap(request):
    src = request.query.get("src", "")
    if in_lan(src):
        raise web.HTTPForbidden()
    async with aiohttp.ClientSession() as s:
        async with s.get(src) as r:  #!
            return web.Response(body=await r.read())
`,
  },
  {
    name: 'ssrf safe: predicate with early `return False` steps and a final `return True`',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import httpx
from urllib.parse import urlparse
ALLOWED = ("cdn.example.com", "img.example.com")
def allowed_image(u):
    p = urlparse(u)
    if p.scheme not in ("http", "https"):
        return False
    if p.hostname not in ALLOWED:
        return False
    return True
@app.get("/img")
def img():
    u = request.args["u"]
    if allowed_image(u):
        return httpx.get(u).content
    abort(403)
`,
  },
  {
    name: 'ssrf safe: a checker that raises, called as a statement before the fetch',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
from urllib.parse import urlparse
HOSTS = {"a.example.com", "b.example.com"}
def ensure_known_host(url):
    host = urlparse(url).netloc
    if host not in HOSTS:
        raise ValueError("unknown host")
@app.post("/hook")
def hook():
    url = request.form["url"]
    ensure_known_host(url)
    return requests.post(url, json={}).text
`,
  },
  {
    name: 'ssrf: a checker that only returns False, called as a statement (its result ignored), stops nothing',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import requests
from urllib.parse import urlparse
HOSTS = {"a.example.com", "b.example.com"}
def known_host(url):
    if urlparse(url).netloc not in HOSTS:
        return False
    return True
@app.post("/hook")
def hook():
    url = request.form["url"]
    known_host(url)
    return requests.post(url, json={}).text  #!
`,
  },
  {
    name: 'ssrf safe: a validator that raises and hands the URL back (url = clean_url(url))',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
from urllib.parse import urlparse
HOSTS = {"a.example.com"}
def clean_url(raw):
    parsed = urlparse(raw)
    if parsed.hostname not in HOSTS:
        abort(400)
    return raw
@app.post("/hook")
def hook():
    url = clean_url(request.form["url"])
    return requests.post(url, json={}).text
`,
  },
  {
    name: 'open redirect safe: two-statement predicate (no scheme, no netloc, starts with /) resets the target',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `${flask}from flask import redirect
from urllib.parse import urlparse
def _is_internal(target):
    parsed = urlparse(target)
    return not parsed.scheme and not parsed.netloc and target.startswith("/")
@app.get("/done")
def done():
    nxt = request.args.get("next", "/")
    if not _is_internal(nxt):
        nxt = "/"
    return redirect(nxt)
`,
  },
  {
    name: 'sqli safe: pydantic model whose field validator raises unless the value is in a set',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from fastapi import FastAPI
from pydantic import BaseModel, validator, field_validator
from sqlalchemy import text
app = FastAPI()
class Filter(BaseModel):
    region: str
    team: str
    @validator("region")
    def region_ok(cls, v):
        if v not in {"north", "south"}:
            raise ValueError("region")
        return v
    @field_validator("team")
    @classmethod
    def team_ok(cls, v: str) -> str:
        if not v.isalnum():
            raise ValueError("team")
        return v
@app.post("/count")
def count(flt: Filter, conn=None):
    conn.execute(text(f"SELECT count(*) FROM t WHERE region = '{flt.region}' AND team = '{flt.team}'"))
`,
  },
  {
    name: 'sqli: pydantic model field without a validator (another field has one)',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from fastapi import FastAPI
from pydantic import BaseModel, validator
from sqlalchemy import text
app = FastAPI()
class Filter(BaseModel):
    region: str
    owner: str
    @validator("region")
    def region_ok(cls, v):
        if v not in {"north", "south"}:
            raise ValueError("region")
        return v
@app.post("/count")
def count(flt: Filter, conn=None):
    conn.execute(text(f"SELECT count(*) FROM t WHERE owner = '{flt.owner}'"))  #!
`,
  },
  {
    name: 'sqli: a field validator that only strips the value does not make it safe',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from fastapi import FastAPI
from pydantic import BaseModel, validator
from sqlalchemy import text
app = FastAPI()
class Filter(BaseModel):
    region: str
    @validator("region")
    def region_ok(cls, v):
        if len(v) > 40:
            raise ValueError("region")
        return v
@app.post("/count")
def count(flt: Filter, conn=None):
    conn.execute(text(f"SELECT count(*) FROM t WHERE region = '{flt.region}'"))  #!
`,
  },
  {
    name: 'sqli safe: model fields typed Literal[...], an Enum of the file, a pattern constraint, and a model built from the body',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from enum import Enum
from typing import Literal
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field, constr
from sqlalchemy import text
app = FastAPI()
class Tier(str, Enum):
    gold = "gold"
    basic = "basic"
class Query(BaseModel):
    sort: Literal["name", "created"]
    tier: Tier
    code: str = Field(..., pattern=r"^[A-Z]{3}$")
    sku: constr(regex=r"^[0-9]+$")
@app.post("/q")
async def q(request: Request, conn=None):
    body = await request.json()
    qq = Query(**body)
    conn.execute(text(f"SELECT * FROM t WHERE tier = '{qq.tier}' AND code = '{qq.code}' AND sku = '{qq.sku}' ORDER BY {qq.sort}"))
`,
  },
  // ---- Celery/RQ task arguments
  {
    name: 'path safe: a task reads the file it was told to (the application enqueued the path)',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os, hashlib
from celery import shared_task
ROOT = "/data/results"
@shared_task
def checksum_file(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()
@shared_task
def normalise(run_id: str, plate: str):
    with open(os.path.join(ROOT, run_id, plate)) as fh:
        return fh.read()
`,
  },
  {
    name: 'ssrf: a task argument is still untrusted as a URL',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
from celery import shared_task
@shared_task
def fetch_curve(curve_url: str):
    return requests.get(curve_url, timeout=10).text  #!
`,
  },
  {
    name: 'insecure random: a temporary password (temp_pw) drawn from an alphabet held in a variable',
    rule: 'python-insecure-random',
    vulnerable: true,
    code: `import random, string
def reset(uid):
    alphabet = string.ascii_letters + string.digits
    temp_pw = "".join(random.choice(alphabet) for _ in range(12))  #!
    return temp_pw
def voucher():
    chars = string.ascii_uppercase + string.digits
    return "".join(random.choices(chars, k=10))  #!
`,
  },
  {
    name: 'insecure random safe: public labels drawn from an alphabet (sample barcode, lobby join code, colour, slug)',
    rule: 'python-insecure-random',
    vulnerable: false,
    code: `import random, string
def new_sample_barcode() -> str:
    return "S" + "".join(random.choices("0123456789ABCDEF", k=10))
def create_lobby():
    lobby_code = "".join(random.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    return lobby_code
def pick():
    colour = "#" + "".join(random.choices("0123456789abcdef", k=6))
    slug = "".join(random.choices(string.ascii_lowercase, k=8))
    return colour, slug
`,
  },
  {
    name: 'debug safe: DEBUG = True in a development / local / testing configuration class',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `from flask import Flask
class BaseConfig:
    DEBUG = False
class DevelopmentConfig(BaseConfig):
    DEBUG = True
class LocalSettings(BaseConfig):
    DEBUG = True
class TestingConfig(BaseConfig):
    DEBUG = True
app = Flask(__name__)
app.config.from_object(DevelopmentConfig)
`,
  },
  {
    name: 'debug: DEBUG = True in a staging class, and in a class deriving from the development one',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `class DevelopmentConfig:
    DEBUG = True
class StagingConfig(DevelopmentConfig):
    DEBUG = True  #!
class DeveloperPortalConfig:
    DEBUG = True  #!
`,
  },
  {
    name: 'credential safe: a value that says it is no secret (dev-only, not-secret, do-not-use)',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `class DevelopmentConfig:
    SECRET_KEY = "dev-only-not-secret"
    API_TOKEN = "not_a_real_key"
    password = "local-only-do-not-use"
`,
  },
  {
    name: 'credential: a real-looking secret in a development class is still reported',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `class DevelopmentConfig:
    SECRET_KEY = "stg-8fK2mQ9vX3pL7wR1zT6y"  #!
`,
  },
  {
    name: 'ssti safe: a user template rendered by a jinja2 SandboxedEnvironment (variable, inline, immutable)',
    rule: 'python-xss',
    vulnerable: false,
    code: `${flask}from jinja2.sandbox import SandboxedEnvironment, ImmutableSandboxedEnvironment
import jinja2.sandbox
sandbox = SandboxedEnvironment(autoescape=True)
@app.post("/byline")
def byline():
    src = request.form["tmpl"]
    a = sandbox.from_string(src).render(author="x")
    b = ImmutableSandboxedEnvironment().from_string(src).render(author="x")
    c = jinja2.sandbox.SandboxedEnvironment(autoescape=True).from_string(src).render()
    return {"a": a, "b": b, "c": c}
`,
  },
  {
    name: 'ssti: the same user template given to a plain jinja2 Environment with autoescape on',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}from jinja2 import Environment, select_autoescape
env = Environment(autoescape=select_autoescape())
@app.post("/byline")
def byline():
    src = request.form["tmpl"]
    return {"a": env.from_string(src).render(author="x")}  #!
`,
  },
  {
    name: 'weak hash safe: SHA-1/MD5 for an ETag, a Gravatar URL, a shard number',
    rule: 'python-weak-hash',
    vulnerable: false,
    code: `import hashlib
def file_etag(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()
def avatar(email):
    gravatar = hashlib.md5(email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{gravatar}"
def pick_shard(user_id, n):
    shard = int(hashlib.md5(str(user_id).encode()).hexdigest(), 16) % n
    return shard
`,
  },
  {
    name: 'weak hash: SHA-1 of an API key and an MD5 cache key (not said to be non-security)',
    rule: 'python-weak-hash',
    vulnerable: true,
    code: `import hashlib
def api_key_digest(api_key):
    return hashlib.sha1(api_key.encode()).hexdigest()  #!
def cache_key(params):
    return hashlib.new("md5", repr(params).encode()).hexdigest()  #!
`,
  },
  {
    name: 'xss: bottle template with {{!name}} (printed unescaped) given request data',
    rule: 'python-xss',
    vulnerable: true,
    code: `from bottle import Bottle, request, template
app = Bottle()
@app.get("/banner")
def banner():
    msg = request.query.get("msg", "")
    return template("<div class='banner'>{{!msg}}</div>", msg=msg)  #!
`,
  },
  {
    name: 'xss safe: bottle template with {{name}} (escaped) given request data',
    rule: 'python-xss',
    vulnerable: false,
    code: `from bottle import Bottle, request, template
app = Bottle()
@app.get("/banner")
def banner():
    msg = request.query.get("msg", "")
    return template("<div class='banner'>{{msg}}</div>", msg=msg)
`,
  },
  {
    name: 'credential: a module constant given as the key of DES.new / hmac.new / jwt.encode is reported on its own line',
    diffLimit: 'the constant is a key because of the call on another line',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import hmac, hashlib, jwt
from Crypto.Cipher import DES
_LEGACY_KEY = b"wallet!!"  #!
def enc(data):
    return DES.new(_LEGACY_KEY, DES.MODE_CBC).encrypt(data)
`,
  },
  {
    name: 'credential: a local constant given to hmac.new',
    diffLimit: 'the constant is a key because of the call on another line',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import hmac, hashlib
def sign(body):
    k = b"9f8e7d6c5b4a"  #!
    return hmac.new(k, body, hashlib.sha256).hexdigest()
`,
  },
  {
    name: 'credential safe: cipher keys from the environment or a KMS call, and a constant that is not the key',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os, base64, hmac, hashlib
from Crypto.Cipher import AES
MASTER = base64.b64decode(os.environ["MASTER_KEY"])
DIGEST = "sha256"
def enc(data, kms):
    key = kms.decrypt(os.environ["WRAPPED"])
    a = AES.new(MASTER, AES.MODE_GCM).encrypt(data)
    b = AES.new(key, AES.MODE_GCM).encrypt(data)
    return a, b, hmac.new(MASTER, data, DIGEST).hexdigest()
`,
  },
  {
    name: 'sqli: query built by the caller and run by a generic helper is reported at the call and at the helper\'s sink (authors label either)',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `import sqlite3
from bottle import Bottle, request
app = Bottle()
def q(sql, params=()):
    with sqlite3.connect("a.db") as conn:
        return conn.execute(sql, params).fetchall()  #!
@app.get("/lots")
def lots():
    house = request.query.get("house", "")
    rows = q("SELECT id FROM lots WHERE house = '" + house + "'")  #!
    safe = q("SELECT id FROM lots WHERE house = ?", (house,))
    return {"lots": rows, "safe": safe}
`,
  },
  {
    name: 'sqli: a helper method that runs its argument, called with an f-string from two handlers',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}import sqlite3
class Repo:
    def __init__(self):
        self.conn = sqlite3.connect("a.db")
    def run(self, sql):
        return self.conn.execute(sql).fetchall()  #!
    def by_owner(self, owner):
        return self.run(f"SELECT * FROM t WHERE owner = '{owner}'")  #!
repo = Repo()
@app.route("/o")
def o():
    return {"r": repo.by_owner(request.args["owner"])}
`,
  },
  {
    name: 'cmd: a helper that runs a shell command built by its caller',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `${flask}import subprocess
def sh(cmd):
    # (a shell given a parameter is reported in the helper itself too, as before)
    return subprocess.run(cmd, shell=True, capture_output=True).stdout  #!
@app.route("/ping")
def ping():
    host = request.args["host"]
    return sh("ping -c 1 " + host)  #!
`,
  },
  {
    name: 'sqli: a helper that builds the query itself from its parameter is reported at its own sink',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}import sqlite3
def find(name):
    return sqlite3.connect("a.db").execute("SELECT * FROM u WHERE name = '%s'" % name).fetchall()  #!
@app.route("/f")
def f():
    return {"r": find(request.args["name"])}
`,
  },
  {
    name: 'sqli safe: numbers formatted with %d / %.2f, and a Bottle <id:int> route parameter',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `import sqlite3
from bottle import Bottle, request
app = Bottle()
def q(sql):
    return sqlite3.connect("a.db").execute(sql).fetchall()
@app.get("/lots/<lot_id:int>")
def lot(lot_id):
    return {"r": q("SELECT * FROM lots WHERE id = " + str(lot_id))}
@app.get("/bids")
def bids():
    lot = request.query.get("lot")
    amount = request.query.get("amount")
    return {"r": q("SELECT * FROM bids WHERE lot = %d AND amount > %.2f" % (int(lot), float(amount))), "s": q("SELECT * FROM b WHERE n = %d" % lot)}
`,
  },
  {
    name: 'sqli: %s next to %d still carries the text value',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}import sqlite3
@app.route("/b")
def b():
    lot = request.args["lot"]
    who = request.args["who"]
    return {"r": sqlite3.connect("a.db").execute("SELECT * FROM b WHERE lot = %d AND who = '%s'" % (lot, who)).fetchall()}  #!
`,
  },
  // ---- constants through attributes and lookups, values replaced on a guard, typed getters
  {
    name: 'ssrf safe: a URL that starts with a class constant or a configured base URL and a path',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
from django.conf import settings
from .config import PAYMENTS_URL
class Config:
    API_BASE = "https://api.example.com"
class Client:
    def __init__(self, base_url):
        self.base_url = base_url
    def user(self, uid):
        return requests.get(f"{self.base_url}/users/{uid}").json()
api = Client(settings.USERS_API)
@app.get("/u")
def u():
    uid = request.args["id"]
    a = requests.get(f"{Config.API_BASE}/users/{uid}").text
    b = requests.get(f"{settings.BILLING_API_URL}/invoices/{uid}").text
    c = requests.post(f"{PAYMENTS_URL}/refunds/{uid}").text
    d = requests.get(f"{app.config['INVENTORY_URL']}/items/{uid}").text
    return a + b + c + d + str(api.user(uid))
`,
  },
  {
    name: 'ssrf: the configured base is followed by the request value with no path, or the base itself comes from the request',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import requests
from django.conf import settings
@app.get("/u")
def u():
    sub = request.args["sub"]
    a = requests.get(f"{settings.API_BASE}{sub}").text  #!
    base_url = request.args["base"]
    b = requests.get(f"{base_url}/users/1").text  #!
    return a + b
`,
  },
  {
    name: 'sqli safe: lookups in literal dicts (a class constant, self.X, an inline dict), a conditional on an allow-list, a typed getter',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}import sqlite3
db = sqlite3.connect("a.db")
class Listing:
    SORTS = {"name": "name", "date": "created_at"}
    def order(self, key):
        return self.SORTS.get(key, "name")
@app.get("/l")
def l():
    key = request.args.get("sort", "")
    a = db.execute(f"SELECT * FROM t ORDER BY {Listing.SORTS.get(key, 'name')}")
    b = db.execute(f"SELECT * FROM t ORDER BY {Listing().order(key)}")
    c = db.execute("SELECT * FROM t ORDER BY " + {"asc": "id ASC", "desc": "id DESC"}.get(key, "id"))
    col = key if key in {"name", "price"} else "id"
    d = db.execute(f"SELECT * FROM t ORDER BY {col}")
    page = request.args.get("page", 1, type=int)
    e = db.execute(f"SELECT * FROM t LIMIT 20 OFFSET {page * 20}")
    return str([a, b, c, d, e])
`,
  },
  {
    name: 'sqli: a conditional that keeps the request value when the check FAILS, and a getter typed str',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}import sqlite3
db = sqlite3.connect("a.db")
@app.get("/l")
def l():
    key = request.args.get("sort", "")
    col = "id" if key in {"name", "price"} else key
    a = db.execute(f"SELECT * FROM t ORDER BY {col}")  #!
    who = request.args.get("who", "", type=str)
    b = db.execute(f"SELECT * FROM t WHERE owner = '{who}'")  #!
    return str([a, b])
`,
  },
  {
    name: 'cmd safe: an argument list picked from an inline dict of literal lists',
    rule: 'python-command-injection',
    vulnerable: false,
    code: `${flask}import subprocess
@app.post("/svc")
def svc():
    mode = request.form.get("mode")
    cmd = {"up": ["systemctl", "start", "web"], "down": ["systemctl", "stop", "web"]}.get(mode)
    if cmd is None:
        abort(400)
    return subprocess.check_output(cmd)
`,
  },
  {
    name: 'path safe: a file name replaced by a constant unless it is on an allow-list (conditional expression)',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}
@app.get("/i18n")
def i18n():
    lang = request.args.get("lang", "en")
    lang = lang if lang in {"en", "fr", "de"} else "en"
    return send_file(f"/srv/i18n/{lang}.json")
`,
  },
  {
    name: 'sqli safe: typed fields of a Django form, a DRF serializer and a marshmallow OneOf, read from cleaned/validated data',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from django import forms
from django.db import connection
from django.http import JsonResponse
from rest_framework import serializers
from rest_framework.decorators import api_view
from marshmallow import Schema, fields, validate
class SearchForm(forms.Form):
    page = forms.IntegerField(min_value=1)
    sort = forms.ChoiceField(choices=[("name", "Name"), ("date", "Date")])
class OrderSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["open", "closed"])
    qty = serializers.IntegerField()
class ReportSchema(Schema):
    period = fields.Str(validate=validate.OneOf(["day", "week"]))
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({}, status=400)
    with connection.cursor() as c:
        c.execute(f"SELECT * FROM t ORDER BY {form.cleaned_data['sort']} OFFSET {form.cleaned_data.get('page', 1) * 20}")
    return JsonResponse({})
@api_view(["POST"])
def order(request):
    s = OrderSerializer(data=request.data)
    s.is_valid(raise_exception=True)
    with connection.cursor() as c:
        c.execute(f"UPDATE o SET status = '{s.validated_data['status']}', qty = {s.validated_data['qty']}")
    return JsonResponse({})
`,
  },
  {
    name: 'sqli: a CharField of the same form is still text',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from django import forms
from django.db import connection
from django.http import JsonResponse
class SearchForm(forms.Form):
    page = forms.IntegerField(min_value=1)
    q = forms.CharField()
def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({}, status=400)
    with connection.cursor() as c:
        c.execute(f"SELECT * FROM t WHERE name LIKE '%{form.cleaned_data['q']}%'")  #!
    return JsonResponse({})
`,
  },
  {
    name: 'path safe: a match statement whose only non-aborting cases are literals, and a slugified name',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}import os
from django.utils.text import slugify
@app.get("/export")
def export():
    ext = request.args.get("ext", "csv")
    match ext:
        case "csv" | "json":
            pass
        case _:
            abort(400)
    return send_file(f"/srv/export.{ext}")
@app.get("/page")
def page():
    return send_file(os.path.join("/srv/pages", slugify(request.args["n"]) + ".html"))
`,
  },
  {
    name: 'path: a match statement without a catch-all lets other values through',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}
@app.get("/export")
def export():
    ext = request.args.get("ext", "csv")
    match ext:
        case "xml":
            abort(400)
    return send_file(f"/srv/export.{ext}")  #!
`,
  },
  {
    name: 'sqli safe: methods of a parsed date / UUID formatted into SQL',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}import sqlite3, datetime, uuid
db = sqlite3.connect("a.db")
@app.get("/day")
def day():
    d = datetime.datetime.strptime(request.args["d"], "%Y-%m-%d")
    u = uuid.UUID(request.args["u"])
    return str(db.execute(f"SELECT * FROM t WHERE day = '{d.date().isoformat()}' AND id = '{u.hex}'").fetchall())
`,
  },
  {
    name: 'code: a value read from a class-level registry dict (filled at run time) is not a constant',
    rule: 'python-code-injection',
    vulnerable: true,
    code: `class Registry:
    hooks = {}
    @classmethod
    def add(cls, name, src):
        cls.hooks[name] = src
def run(name):
    return eval(Registry.hooks[name])  #!
`,
  },
  {
    name: 'path safe: archive member names checked by a multi-statement is_within_directory before writing',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os, zipfile
def is_within_directory(directory, target):
    abs_directory = os.path.abspath(directory)
    abs_target = os.path.abspath(target)
    prefix = os.path.commonprefix([abs_directory, abs_target])
    return prefix == abs_directory
def unzip(path, dest):
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            fn = os.path.join(dest, name)
            if not is_within_directory(dest, fn):
                raise ValueError(name)
            with open(fn, "wb") as out:
                out.write(zf.read(name))
`,
  },
  {
    name: 'ssrf safe: a host checked with endswith(".example.com") (leading dot)',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `${flask}import requests
from urllib.parse import urlparse
@app.get("/f")
def f():
    u = request.args["u"]
    host = urlparse(u).hostname or ""
    if not host.endswith((".example.com", ".example.org")):
        abort(400)
    return requests.get(u).text
`,
  },
  {
    name: 'ssrf: a host checked with endswith("example.com") (no dot: evilexample.com passes)',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `${flask}import requests
from urllib.parse import urlparse
@app.get("/f")
def f():
    u = request.args["u"]
    if not urlparse(u).hostname.endswith("example.com"):
        abort(400)
    return requests.get(u).text  #!
`,
  },
  {
    name: 'open redirect safe: a foreign netloc (not this request host) resets the target',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `${flask}from flask import redirect
from urllib.parse import urlparse
@app.get("/done")
def done():
    nxt = request.args.get("next", "")
    if urlparse(nxt).netloc and urlparse(nxt).netloc != request.host:
        nxt = "/"
    return redirect(nxt)
`,
  },
  {
    name: 'xss safe: a template picked from a local dict of literal templates',
    rule: 'python-xss',
    vulnerable: false,
    code: `${flask}
@app.get("/t")
def t():
    tpl = request.args.get("tpl", "a")
    templates = {"a": "<p>A</p>", "b": "<p>B</p>"}
    return render_template_string(templates.get(tpl, "<p>?</p>"))
`,
  },
  {
    name: 'xss: a local dict that request data was written into',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}
@app.get("/t")
def t():
    templates = {"a": "<p>A</p>"}
    templates["user"] = request.args["src"]
    return render_template_string(templates.get(request.args.get("tpl", "a")))  #!
`,
  },
  {
    name: 'sqli safe: FastAPI parameters typed Literal[...] / list[int], or checked by an anchored Query pattern / constr',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from typing import Literal
from fastapi import FastAPI, Query
from pydantic import constr
from sqlalchemy import text
app = FastAPI()
db = None
@app.get("/a")
def a(sort: Literal["name", "date"] = "name", code: str = Query(..., pattern="^[A-Z]{3}$"), ids: list[int] = Query([])):
    return db.execute(text(f"SELECT * FROM t WHERE code = '{code}' AND id IN ({','.join(map(str, ids))}) ORDER BY {sort}")).all()
@app.get("/b")
def b(tag: constr(regex=r"^[a-z0-9-]+$")):
    return db.execute(text(f"SELECT * FROM t WHERE tag = '{tag}'")).all()
`,
  },
  {
    name: 'sqli: a Query pattern that is not anchored (re.search semantics) checks nothing',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from fastapi import FastAPI, Query
from sqlalchemy import text
app = FastAPI()
db = None
@app.get("/a")
def a(code: str = Query(..., pattern="[A-Z]{3}")):
    return db.execute(text(f"SELECT * FROM t WHERE code = '{code}'")).all()  #!
`,
  },
  // ---- session 7 (blind batch 9)
  {
    name: 'ssrf: a pydantic body model under a name listed as non-data (req) is request data',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import httpx
from fastapi import FastAPI, Body
from pydantic import BaseModel
app = FastAPI()
class DeliveryRequest(BaseModel):
    callback_url: str
def _deliver(url, payload):
    with httpx.Client(timeout=10.0) as client:
        return client.post(url, json=payload)  #!
@app.post("/d")
def deliver(req: DeliveryRequest = Body(...)):
    return _deliver(req.callback_url, {})
@app.post("/e")
def e(request: Optional[DeliveryRequest] = None):
    return httpx.get(request.callback_url)  #!
`,
  },
  {
    name: 'ssrf: a parameter named req typed as the framework request is not itself data',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `import httpx
from fastapi import FastAPI, Request
app = FastAPI()
class Settings:
    url: str
@app.get("/s")
def s(req: Request, settings: Settings = None):
    return httpx.get(str(req))
`,
  },
  {
    name: 'xss: a module constant template printing a request value with |safe',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}CARD = '<div class="card"><h3>{{ name }}</h3><div>{{ notes|safe }}</div></div>'
PLAIN = '<p>{{ notes }}</p>'
@app.route("/card")
def card():
    notes = request.args.get("notes", "")
    render_template_string(PLAIN, notes=notes)
    return render_template_string(CARD, name="x", notes=notes)  #!
`,
  },
  {
    name: 'sqli: psycopg2 sql.SQL() of request text is SQL, whatever .format() composes it into',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}from psycopg2 import sql
@app.post("/metric")
def metric():
    body = request.get_json()
    query = sql.SQL("SELECT {grp}, {expr} AS v FROM metrics GROUP BY {grp}").format(
        grp=sql.Identifier(body["group"]), expr=sql.SQL(body["expression"]))
    with conn.cursor() as cur:
        cur.execute(query)  #!
`,
  },
  {
    name: 'sqli: COPY text built from request data (copy_expert)',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}import io
@app.get("/export")
def export():
    buf = io.StringIO()
    with conn.cursor() as cur:
        cur.copy_expert(f"COPY (SELECT * FROM v WHERE tenant = '{request.args['tenant']}') TO STDOUT WITH CSV", buf)  #!
    return buf.getvalue()
`,
  },
  {
    name: 'sqli: SQLAlchemy literal_column() of request text renders it as SQL',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}from sqlalchemy import select, literal_column
@app.get("/pivot")
def pivot():
    stmt = select(orders.c.day, literal_column(request.args["metric"]).label("value"))  #!
    return conn.execute(stmt).all()
`,
  },
  {
    name: 'sqli: copy_expert and literal_column with constant text',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}import io
from sqlalchemy import select, literal_column
@app.get("/export")
def export():
    buf = io.StringIO()
    with conn.cursor() as cur:
        cur.copy_expert("COPY (SELECT * FROM v_orders) TO STDOUT WITH CSV HEADER", buf)
    stmt = select(literal_column("sum(amount_cents)").label("total"))
    return buf.getvalue() + str(conn.execute(stmt).scalar())
`,
  },
  {
    name: 'sqli: cursor.mogrify keeps its SQL text as written (an ORDER BY from the request); its arguments are quoted',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `${flask}import psycopg2
conn = psycopg2.connect("")
@app.get("/orders")
def orders():
    cur = conn.cursor()
    q = cur.mogrify("SELECT * FROM orders WHERE day >= %s ORDER BY " + request.args["sort"], (request.args["day"],))
    cur.execute(q)  #!
    return {"rows": cur.fetchall()}
`,
  },
  {
    name: 'sqli: cursor.mogrify with only its arguments from the request',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `${flask}import psycopg2
conn = psycopg2.connect("")
@app.get("/orders")
def orders():
    cur = conn.cursor()
    q = cur.mogrify("SELECT * FROM orders WHERE day >= %s AND region = %s", (request.args["day"], request.args["region"]))
    cur.execute(q)
    return {"rows": cur.fetchall()}
`,
  },
  {
    name: 'sqli: psycopg2.sql composition quotes identifiers and placeholders (also through join and map)',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from psycopg2 import sql
def load(conn, manifest, rows):
    table = manifest["target_table"]
    columns = manifest["columns"]
    with conn.cursor() as cur:
        insert = sql.SQL("INSERT INTO {}.{} ({}) VALUES ({})").format(
            sql.Identifier("staging"),
            sql.Identifier(table),
            sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        )
        cur.executemany(insert, rows)
        cur.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(table)))
`,
  },
  {
    name: 'sqli: a FastAPI dependency hands over what the application checked, not request text',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from fastapi import FastAPI, Depends, Header, HTTPException
from sqlalchemy import text
app = FastAPI()
KNOWN = {"public", "acme"}
def tenant_schema(x_tenant: str = Header(...)) -> str:
    if x_tenant not in KNOWN:
        raise HTTPException(status_code=403)
    return x_tenant
def get_db():
    yield None
@app.get("/rows")
def rows(schema: str = Depends(tenant_schema), db=Depends(get_db)):
    db.execute(text(f"SET LOCAL search_path TO {schema}"))
`,
  },
  {
    name: 'credentials: a token prefix that code appends random characters to is not a credential',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import secrets
def make():
    secret = "whsec_"
    secret += secrets.token_urlsafe(24)
    api_key = "sk_live_" + secrets.token_hex(16)
    return secret, api_key
`,
  },
  {
    name: 'ssrf: an HTTP client the application keeps for every request (aiohttp app dict, Starlette app.state), made in a start-up hook defined later',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import aiohttp
import httpx
from aiohttp import web
from fastapi import FastAPI, Request
routes = web.RouteTableDef()
api = FastAPI()
@routes.get("/preview")
async def preview(request):
    url = request.query.get("url", "")
    async with request.app["http"].get(url) as resp:  #!
        return web.Response(text=await resp.text())
@routes.get("/status")
async def status(request):
    async with request.app["http"].get("https://status.example.com/feed.json") as resp:
        return web.json_response(await resp.json())
@api.get("/p")
async def p(request: Request, url: str):
    return (await request.app.state.http.get(url)).text  #!
async def on_startup(app):
    app["http"] = aiohttp.ClientSession()
@api.on_event("startup")
async def startup():
    api.state.http = httpx.AsyncClient()
`,
  },
  {
    name: 'ssti: a graphene resolver argument is what the client sent (its string result is JSON, not HTML)',
    rule: 'python-xss',
    vulnerable: true,
    code: `import graphene
from jinja2 import Template
class ProductType(graphene.ObjectType):
    card = graphene.String(template=graphene.String())
    def resolve_card(parent, info, template=None):
        return Template(template).render(product=parent)  #!
class Query(graphene.ObjectType):
    hello = graphene.String(name=graphene.String())
    def resolve_hello(root, info, name):
        return f"<b>{name}</b>"
`,
  },
  {
    name: 'ssrf: an AWS Lambda handler (event, context): the event is request data',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import json
import urllib.request
def import_remote(event, context):
    params = event.get("queryStringParameters") or {}
    source = params.get("source")
    with urllib.request.urlopen(source, timeout=10) as resp:  #!
        return {"statusCode": 200, "body": json.dumps({"n": len(resp.read())})}
def on_batch(event, context):
    for record in event["Records"]:
        urllib.request.urlopen(json.loads(record["body"])["callback"])  #!
`,
  },
  {
    name: 'cmd: the deployment\'s configuration (environment variables) in a command, beside quoted values, is no injection',
    rule: 'python-command-injection',
    vulnerable: false,
    code: `import os
import shlex
import subprocess
EXPORT_BUCKET = os.environ.get("EXPORT_BUCKET", "s3://exports")
def upload(archive, batch):
    subprocess.run(f"aws s3 cp {shlex.quote(archive)} {EXPORT_BUCKET}/{shlex.quote(batch)}/", shell=True, check=True)
    os.system("pg_dump " + os.environ["DATABASE_URL"] + " > /backups/db.sql")
    subprocess.run(f"tar czf {os.getenv('BACKUP_DIR', '/backups')}/all.tgz /data", shell=True)
`,
  },
  {
    name: 'xss: a template object made from text with |safe, rendered with request data',
    rule: 'python-xss',
    vulnerable: true,
    code: `from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape
app = FastAPI()
jinja = Environment(autoescape=select_autoescape(["html"]))
NOTE = jinja.from_string("<aside>{{ note|safe }}</aside>")
PLAIN = jinja.from_string("<aside>{{ note }}</aside>")
@app.get("/note", response_class=HTMLResponse)
def note(note: str = ""):
    PLAIN.render(note=note)
    return NOTE.render(note=note)  #!
`,
  },
  {
    name: 'path: Sanic file responses with a joined request path; a helper that confines the path makes it safe',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from sanic import Sanic, response
from sanic.exceptions import BadRequest
app = Sanic("media")
ROOT = "/srv/media"
def contained_path(root, name):
    root = os.path.realpath(root)
    target = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, target]) != root:
        raise BadRequest("illegal path")
    return target
@app.get("/assets")
async def assets(request):
    return await response.file(os.path.join(ROOT, request.args.get("path", "")))  #!
@app.get("/public/<name>")
async def public(request, name):
    return await response.file(contained_path(os.path.join(ROOT, "public"), name))
`,
  },
  {
    name: 'ldap: a connection made by a function of the file, searched with a filter built from request data',
    rule: 'python-ldap-injection',
    vulnerable: true,
    code: `import os
import tornado.web
from ldap3 import Connection, Server
def directory():
    server = Server(os.environ["LDAP_URL"], use_ssl=True)
    return Connection(server, os.environ["LDAP_DN"], os.environ["LDAP_PW"], auto_bind=True)
class DirectoryHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name", "")
        conn = directory()
        conn.search("ou=people,dc=corp", f"(|(cn=*{name}*)(mail={name}*))", attributes=["cn"])  #!
`,
  },
  {
    name: 'cookie: a cookie holding a token or a code, whatever it is called',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `${flask}import secrets
@app.route("/share", methods=["POST"])
def share():
    token = secrets.token_urlsafe(24)
    resp = make_response("ok")
    resp.set_cookie("analytics_share", token, max_age=7 * 86400)  #!
    resp.set_cookie("hold_code", hold_code_for(request.form["sku"]))  #!
    resp.set_cookie("theme", request.args.get("theme", "light"))
    resp.set_cookie("last_tab", tab_name)
    return resp
`,
  },
  {
    name: 'weak hash: inside a lambda too (a pandas map pseudonymising emails)',
    rule: 'python-weak-hash',
    vulnerable: true,
    code: `import hashlib
def pseudonymise(df):
    df = df.copy()
    df["customer_key"] = df["email"].map(lambda e: hashlib.sha1(e.lower().encode()).hexdigest())  #!
    return df.drop(columns=["email"])
`,
  },
  {
    name: 'mass assignment: a ModelForm binding every field of its model',
    rule: 'python-form-all-fields',
    vulnerable: true,
    code: `from django import forms
from .models import StockItem
class StockItemEditForm(forms.ModelForm):
    class Meta:
        model = StockItem
        fields = "__all__"  #!
class StockItemQtyForm(forms.ModelForm):
    class Meta:
        model = StockItem
        fields = ["quantity"]
`,
  },
  {
    name: 'path: a service injected with Depends() is a class of the file: its method gets the upload',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `from pathlib import Path
from fastapi import APIRouter, Depends, File, UploadFile
router = APIRouter()
class ConversionService:
    def __init__(self, workdir: Path):
        self.workdir = workdir
    def store_upload(self, upload: UploadFile, data: bytes) -> Path:
        dest = self.workdir / upload.filename
        dest.write_bytes(data)  #!
        return dest
def get_conversion() -> ConversionService:
    return ConversionService(Path("/srv/convert"))
@router.post("/convert")
async def convert(file: UploadFile = File(...), svc: ConversionService = Depends(get_conversion)):
    return {"stored": str(svc.store_upload(file, await file.read()))}
`,
  },
  {
    name: 'ssrf: a pydantic validator checking the URL host makes the field safe; one checking the scheme does not',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `from urllib.parse import urlparse
import httpx
from fastapi import APIRouter
from pydantic import BaseModel, field_validator
router = APIRouter()
HOSTS = {"templates.example.com"}
class TemplateRef(BaseModel):
    url: str
    @field_validator("url")
    @classmethod
    def known_host(cls, v: str) -> str:
        parsed = urlparse(v)
        if parsed.scheme != "https" or parsed.hostname not in HOSTS:
            raise ValueError("template host not allowed")
        return v
class Callback(BaseModel):
    url: str
    @field_validator("url")
    @classmethod
    def https_only(cls, v: str) -> str:
        if not v.startswith("https://"):
            raise ValueError("https only")
        return v
@router.post("/import")
def import_template(ref: TemplateRef):
    return httpx.get(ref.url, timeout=10).status_code
@router.post("/callback")
def callback(cb: Callback):
    return httpx.post(cb.url, json={}).status_code  #!
`,
  },
  {
    name: "mass assignment: rows a query returns are the database's, not the query's arguments",
    rule: 'python-mass-assignment',
    vulnerable: false,
    code: `import sqlite3
from dataclasses import dataclass
from flask import Flask, request
app = Flask(__name__)
@dataclass
class Subscription:
    channel: str
    url: str
@app.route("/subs")
def subs():
    channel = request.args.get("channel", "")
    with sqlite3.connect("x.db") as conn:
        rows = conn.execute("SELECT channel, url FROM subs WHERE channel = ?", (channel,)).fetchall()
    return [Subscription(**dict(zip(("channel", "url"), r))).url for r in rows]
`,
  },
  // ---- Blind batch 14: Litestar, Socket.IO, Dash, Peewee, boto3
  {
    name: 'sqli: Peewee Database.execute_sql of formatted text',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from peewee import SqliteDatabase
db = SqliteDatabase("app.db")
def purge(region):
    return db.execute_sql("DELETE FROM invoice WHERE region = '%s'" % region).rowcount  #!
`,
  },
  {
    name: 'sqli safe: Peewee execute_sql with parameters',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from peewee import SqliteDatabase
db = SqliteDatabase("app.db")
def purge(region):
    return db.execute_sql("DELETE FROM invoice WHERE region = ?", (region,)).rowcount
`,
  },
  {
    name: 'litestar: a bare @get imported from litestar is a route; File(path=…) is a path sink',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from litestar import Controller, get
from litestar.response import File
ROOT = "/srv/files"
class Files(Controller):
    @get("/files/{name:path}")
    async def raw_file(self, name: str) -> File:
        return File(path=os.path.join(ROOT, name.lstrip("/")))  #!
`,
  },
  {
    name: 'litestar safe: File of a base name',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
from litestar import get
from litestar.response import File
ROOT = "/srv/files"
@get("/files/{name:str}")
async def raw_file(name: str) -> File:
    return File(path=os.path.join(ROOT, os.path.basename(name)))
`,
  },
  {
    name: "route safe: a bare @get imported from the application's own package is no route",
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
from .memo import get
ROOT = "/srv/files"
@get
def local(name: str):
    return open(os.path.join(ROOT, name)).read()
`,
  },
  {
    name: 'xss: a Litestar route declared HTML (media_type=MediaType.HTML) returns formatted query text',
    rule: 'python-xss',
    vulnerable: true,
    code: `from litestar import get
from litestar.enums import MediaType
@get("/search", media_type=MediaType.HTML)
async def search(q: str = "") -> str:
    return f"<p>No documents matched <b>{q}</b></p>"  #!
`,
  },
  {
    name: 'xss safe: a Litestar route without an HTML media type answers JSON',
    rule: 'python-xss',
    vulnerable: false,
    code: `from litestar import get
@get("/search")
async def search(q: str = "") -> str:
    return f"No documents matched {q}"
`,
  },
  {
    name: 'xss: a FastAPI route with response_class=HTMLResponse returns formatted query text',
    rule: 'python-xss',
    vulnerable: true,
    code: `from fastapi import FastAPI
from fastapi.responses import HTMLResponse
app = FastAPI()
@app.get("/hello", response_class=HTMLResponse)
def hello(name: str = ""):
    return f"<h1>Hello {name}</h1>"  #!
`,
  },
  {
    name: 'xss safe: a FastAPI route without an HTML response class answers JSON',
    rule: 'python-xss',
    vulnerable: false,
    code: `from fastapi import FastAPI
app = FastAPI()
@app.get("/hello")
def hello(name: str = ""):
    return f"<h1>Hello {name}</h1>"
`,
  },
  {
    name: 'debug: Litestar(debug=True)',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `from litestar import Litestar
app = Litestar(route_handlers=[], debug=True)  #!
`,
  },
  {
    name: 'debug safe: Litestar(debug=False)',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `from litestar import Litestar
app = Litestar(route_handlers=[], debug=False)
`,
  },
  {
    name: "socket.io: an event handler's data is the client's (SSRF from @socketio.on)",
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
from flask import Flask
from flask_socketio import SocketIO, emit
app = Flask(__name__)
socketio = SocketIO(app)
@socketio.on("preview")
def on_preview(data):
    emit("preview", requests.get(data["url"], timeout=5).text)  #!
`,
  },
  {
    name: 'socket.io safe: an .on() decorator in a file without Socket.IO is no event handler',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `import requests
from pyee import EventEmitter
bus = EventEmitter()
@bus.on("preview")
def on_preview(data):
    return requests.get(data["url"], timeout=5).text
`,
  },
  {
    name: "xss: Socket.IO emit of markup built from a client's data",
    rule: 'python-xss',
    vulnerable: true,
    code: `from flask import Flask
from flask_socketio import SocketIO, emit, join_room
app = Flask(__name__)
socketio = SocketIO(app)
@socketio.on("join")
def on_join(data):
    join_room(data["room"])
    emit("system", {"html": f"<i>{data['nick']} joined</i>"}, to=data["room"])  #!
`,
  },
  {
    name: 'xss safe: Socket.IO emit of escaped markup, and of plain data',
    rule: 'python-xss',
    vulnerable: false,
    code: `from flask import Flask
from flask_socketio import SocketIO, emit
from markupsafe import escape
app = Flask(__name__)
socketio = SocketIO(app)
@socketio.on("message")
def on_message(data):
    emit("message", {"html": f"<b>{escape(data['nick'])}</b>: {escape(data['text'])}"}, to=data["room"])
    emit("message", {"nick": data["nick"], "text": data["text"]}, to=data["room"])
`,
  },
  {
    name: 'xss: Dash Markdown with dangerously_allow_html=True of formatted rows',
    rule: 'python-xss',
    vulnerable: true,
    code: `from dash import Dash, Input, Output, callback, dcc
app = Dash(__name__)
@callback(Output("out", "children"), Input("room", "value"))
def update(room):
    rows = load_rows(room)
    return [dcc.Markdown(f"**{r.author}**: {r.body}", dangerously_allow_html=True) for r in rows]  #!
`,
  },
  {
    name: 'xss safe: Dash Markdown without raw HTML escapes it',
    rule: 'python-xss',
    vulnerable: false,
    code: `from dash import Dash, Input, Output, callback, dcc
app = Dash(__name__)
@callback(Output("out", "children"), Input("room", "value"))
def update(room):
    return [dcc.Markdown(f"**{r.author}**: {r.body}") for r in load_rows(room)]
`,
  },
  {
    name: "dash: a callback's inputs are the browser's (SSRF from @callback)",
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
from dash import Dash, Input, Output, callback
app = Dash(__name__)
@callback(Output("out", "children"), Input("feed", "value"))
def load(feed_url):
    return requests.get(feed_url, timeout=5).text  #!
`,
  },
  {
    name: 'path: boto3 download_file to a local path named by the request',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os, boto3
s3 = boto3.client("s3")
@app.route("/fetch")
def fetch():
    key = request.args["key"]
    local = os.path.join("/srv/cache", key)
    s3.download_file("bucket", key, local)  #!
    return send_file(os.path.basename(local))
`,
  },
  {
    name: 'path safe: boto3 download_file to a base name',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}import os, boto3
s3 = boto3.client("s3")
@app.route("/fetch")
def fetch():
    key = request.args["key"]
    s3.download_file("bucket", key, os.path.join("/srv/cache", os.path.basename(key)))
    return "ok"
`,
  },
  // ---- batch 15: a check's result kept in a variable
  {
    name: 'redirect safe: Django allow-list check kept in a variable, then if not allowed: target = "/"',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `${DJ15}
class Done(View):
    def get(self, request):
        target = request.GET.get("next", "/")
        allowed = url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        if not allowed:
            target = "/"
        return redirect(target)
`,
  },
  {
    name: 'redirect safe: check kept in a variable, then if not ok: return',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `${DJ15}
def done(request):
    target = request.GET.get("next", "/")
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if not ok:
        return redirect("/")
    return redirect(target)
`,
  },
  {
    name: 'redirect: check kept in a variable but the target is rebound after it',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `${DJ15}
def done(request):
    target = request.GET.get("next", "/")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    target = request.GET.get("then", "/")
    if not allowed:
        target = "/"
    return redirect(target)  #!
`,
  },
  {
    name: 'redirect: check kept in a variable that is never tested',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `${DJ15}
def done(request):
    target = request.GET.get("next", "/")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return redirect(target)  #!
`,
  },
  {
    name: 'path safe: ".." test kept in a variable, then if bad: raise',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}import os
@app.route("/f")
def f():
    name = request.args["name"]
    bad = ".." in name
    if bad:
        abort(400)
    return send_file(os.path.join("/srv/files", name))
`,
  },
  // ---- batch 15: a helper of another module of the project that returns None for what it refuses
  {
    name: 'path safe: a path from a helper of another module, then if path is None: raise (Django)',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${DJ15}from . import services

class Statement(View):
    def get(self, request):
        path = services.resolve_statement(request.GET.get("file", ""))
        if path is None:
            raise Http404("statement not found")
        return FileResponse(open(path, "rb"), as_attachment=True)
`,
  },
  {
    name: 'path safe: a path from a helper of the project package (absolute import), then if path is None: raise (FastAPI)',
    rule: 'python-path-traversal',
    file: 'app/routers/items.py',
    vulnerable: false,
    code: `from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse
from app.services import exports
router = APIRouter()

@router.get("/exports/archive")
async def download_archive(name: str):
    path = exports.checked_export_path(name)
    if path is None:
        raise HTTPException(404, "no such export")
    return FileResponse(path, filename=path.name)
`,
  },
  {
    name: 'path safe: a path from a helper of another module, then if not path: abort',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `${flask}from .storage import locate
@app.route("/f")
def f():
    path = locate(request.args["name"])
    if not path:
        abort(404)
    return send_file(path)
`,
  },
  {
    name: 'path: a path from a helper of another module used without a None check',
    rule: 'python-path-traversal',
    file: 'app/routers/items.py',
    vulnerable: true,
    code: `from fastapi import APIRouter
from fastapi.responses import FileResponse
from app.services import exports
router = APIRouter()

@router.get("/exports/download")
async def download_export(name: str):
    return FileResponse(exports.export_path(name), filename=name)  #!
`,
  },
  {
    name: 'path: a library call checked against None is no helper that refuses bad paths',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}import os
@app.route("/f")
def f():
    name = request.args.get("name")
    if name is None:
        abort(400)
    return send_file(os.path.join("/srv/files", name))  #!
`,
  },
  {
    name: 'path: a path from a helper of another module whose None check does not stop the request',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `${flask}from .storage import locate
@app.route("/f")
def f():
    path = locate(request.args["name"])
    if path is None:
        app.logger.warning("missing")
    return send_file(path)  #!
`,
  },
  // ---- batch 15: a flag parameter that turns a feature on by default
  {
    name: 'xxe: setFeature(feature_external_ges, flag) with a flag parameter defaulting to True',
    rule: 'python-xxe-parser',
    vulnerable: true,
    code: `import xml.sax
from xml.sax.handler import feature_external_ges

def parse_feed(stream, allow_includes: bool = True):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, allow_includes)  #!
    parser.parse(stream)
`,
  },
  {
    name: 'xxe safe: setFeature(feature_external_ges, flag) with a flag parameter defaulting to False',
    rule: 'python-xxe-parser',
    vulnerable: false,
    code: `import xml.sax
from xml.sax.handler import feature_external_ges

def parse_feed(stream, allow_includes: bool = False):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, allow_includes)
    parser.parse(stream)
`,
  },
  {
    name: 'xxe safe: a flag parameter defaulting to True but rebound from configuration first',
    rule: 'python-xxe-parser',
    vulnerable: false,
    code: `import xml.sax
from xml.sax.handler import feature_external_ges

def parse_feed(stream, allow_includes: bool = True):
    allow_includes = allow_includes and SETTINGS.get("xml_includes", False)
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, allow_includes)
    parser.parse(stream)
`,
  },
  // ---- batch 15: a repository method whose whole Mongo query is what its callers give
  {
    name: 'nosql: a public repository method passes its filter parameter as the whole query',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `from pymongo import MongoClient

class ProfileRepository:
    def __init__(self, url):
        self.col = MongoClient(url)["directory"]["profiles"]

    def search(self, filters: dict, limit: int = 50):
        return list(self.col.find(filters, {"_id": 0}).limit(limit))  #!
`,
  },
  {
    name: 'nosql safe: a repository method puts its parameter into a query of its own keys, as a string',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `from pymongo import MongoClient

class ProfileRepository:
    def __init__(self, url):
        self.col = MongoClient(url)["directory"]["profiles"]

    def by_team(self, team: str):
        return list(self.col.find({"team": str(team)}, {"_id": 0}))
`,
  },
  {
    name: 'nosql safe: a private helper passes its parameter as the query (its callers are in this file)',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `from pymongo import MongoClient
col = MongoClient()["x"]["y"]

def _query(filters):
    return list(col.find(filters))

def active():
    return _query({"active": True})
`,
  },
  {
    name: 'deserialization: Celery accepting pickled messages (conf.update keyword, settings module)',
    rule: 'python-unsafe-deserialization',
    vulnerable: true,
    code: `from celery import Celery
app = Celery("worker", broker="redis://redis.internal:6379/0")
app.conf.update(
    task_serializer="json",
    accept_content=["pickle", "json"],  #!
)
CELERY_ACCEPT_CONTENT = ["json", "application/x-python-serialize"]  #!
`,
  },
  {
    name: 'deserialization safe: Celery accepting JSON only',
    rule: 'python-unsafe-deserialization',
    vulnerable: false,
    code: `from celery import Celery
app = Celery("worker")
app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json")
CELERY_ACCEPT_CONTENT = ["json"]
`,
  },
  {
    name: 'credentials: a URL with a password and no user (redis://:pw@host), also as an environment default',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import os
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://:redis-prod-pass-7@redis.internal:6379/0")  #!
DB_PASSWORD = os.getenv("DB_PASSWORD", "orders-db-pass-2024")  #!
`,
  },
  {
    name: 'credentials safe: environment defaults that are not secrets, empty or placeholders',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os
REGION = os.environ.get("AWS_REGION", "eu-west-1")
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://redis.internal:6379/1")
SECRET_KEY = os.environ.get("SECRET_KEY", "changeme")
`,
  },
  // ---------------------------------------------------------------- session 10: blind batches 21-22
  {
    name: 'command: parameters of Typer and Click commands are what the operator typed; paramiko exec_command runs a remote shell',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import click
import paramiko
import typer

app = typer.Typer()


@app.command()
def tail(host: str, service: str, lines: int = 200):
    ssh = paramiko.SSHClient()
    ssh.connect(host)
    ssh.exec_command(f"journalctl -u {service} -n {lines}")  #!


@click.command()
@click.argument("revision")
def migrate(revision):
    client = paramiko.SSHClient()
    client.exec_command("alembic upgrade " + revision)  #!
`,
  },
  {
    name: 'command safe: constant remote commands and number-typed command parameters',
    rule: 'python-command-injection',
    vulnerable: false,
    code: `import paramiko
import typer

app = typer.Typer()


@app.command()
def restart(host: str, workers: int = 4):
    ssh = paramiko.SSHClient()
    ssh.connect(host)
    ssh.exec_command("systemctl restart orders")
    ssh.exec_command(f"orders-ctl scale --workers {workers}")
`,
  },
  {
    name: 'path safe: a name reduced to letters, digits, _ and - by re.sub before it becomes a file name',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import re
from pathlib import Path
from flask import Flask, request

app = Flask(__name__)
EXPORTS = Path("/srv/exports")


@app.post("/report")
def report():
    slug = re.sub(r"[^a-zA-Z0-9_-]+", "-", request.form["title"]).strip("-")[:64] or "report"
    (EXPORTS / f"{slug}.html").write_text(request.form["body"])
    with open(EXPORTS / (re.sub(r"[^\\w-]", "", request.form["name"]) + ".txt"), "w") as f:
        f.write("x")
    return "ok"
`,
  },
  {
    name: 'path: a re.sub that keeps dots and slashes does not confine the name',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import re
from flask import Flask, request

app = Flask(__name__)


@app.post("/report")
def report():
    name = re.sub(r"[^a-zA-Z0-9_./-]+", "-", request.form["title"])
    with open("/srv/exports/" + name, "w") as f:  #!
        f.write("x")
    return "ok"
`,
  },
  {
    name: 'insecure random safe: an order reference printed for people to read',
    rule: 'python-insecure-random',
    vulnerable: false,
    code: `import random, string
def generate_order_reference() -> str:
    return "ORD-" + "".join(random.choices(string.digits, k=8))
`,
  },
  {
    name: 'xss: Django template filters and tags mark what templates hand them safe; format_html given an f-string escapes nothing',
    rule: 'python-xss',
    vulnerable: true,
    code: `import markdown
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def review_body(body):
    return mark_safe(markdown.markdown(body))  #!


@register.simple_tag
def seller_badge(seller):
    return format_html(f'<span class="badge">{seller.display_name}</span>')  #!


@register.inclusion_tag("card.html")
def seller_card(seller):
    return {"bio_html": mark_safe(seller.bio.replace("\\n", "<br>"))}  #!
`,
  },
  {
    name: 'xss safe: template filters that escape, format_html with a constant format string',
    rule: 'python-xss',
    vulnerable: false,
    code: `from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, term):
    return mark_safe(str(escape(text)).replace(str(escape(term)), "<mark>%s</mark>" % escape(term)))


@register.simple_tag
def star_rating(rating):
    full = max(0, min(5, int(rating)))
    return format_html('<span title="{} of 5">{}</span>', full, "*" * full)


@register.filter
def spec_table(specs):
    rows = format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", sorted(specs.items()))
    return format_html("<table>{}</table>", rows)
`,
  },
  {
    name: "redirect: a Django view's get_success_url returning a request value",
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from django.views.generic.edit import CreateView


class ReviewCreate(CreateView):
    def get_success_url(self):
        return self.request.POST.get("return_to") or "/"  #!
`,
  },
  {
    name: 'redirect safe: get_success_url returning a path of this site or a checked value',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic.edit import CreateView


class ReviewCreate(CreateView):
    def get_success_url(self):
        nxt = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(nxt, allowed_hosts={self.request.get_host()}):
            return nxt
        return "/reviews/" + str(self.object.pk)
`,
  },
  {
    name: "ssrf: a URL stored on a database row (a webhook, a serializer's validated URL) fetched by the server",
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
from celery import shared_task
from django.shortcuts import get_object_or_404
from rest_framework import serializers

from .models import Seller, Webhook


@shared_task
def deliver(hook_id, body):
    hook = Webhook.objects.get(pk=hook_id)
    requests.post(hook.url, data=body, timeout=10)  #!


def logo(seller_id):
    seller = get_object_or_404(Seller, pk=seller_id)
    return requests.get(seller.logo_url, timeout=10).content  #!


class AvatarFromUrl(serializers.Serializer):
    url = serializers.URLField()

    def fetch(self):
        return requests.get(self.validated_data["url"], timeout=10)  #!
`,
  },
  {
    name: 'path safe: a file named after a row found by the request key (a lookup by a crafted key finds nothing)',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `from django.http import FileResponse
from django.shortcuts import get_object_or_404

from .models import Order


def invoice(request, number):
    order = get_object_or_404(Order, number=number, customer__user=request.user)
    return FileResponse(open(f"/srv/invoices/invoice-{order.number}.pdf", "rb"))
`,
  },
  {
    name: 'command safe: Click options typed as a choice, a number or a flag admit no text',
    rule: 'python-command-injection',
    vulnerable: false,
    code: `import subprocess

import click


@click.command("tail-log")
@click.argument("service", type=click.Choice(["billing", "catalog"]))
@click.option("-n", "lines", type=int, default=200)
@click.option("--follow/--no-follow", is_flag=True)
def tail_log(service, lines, follow):
    subprocess.run(f"journalctl -u app-{service} -n {lines}", shell=True, check=False)
`,
  },
  {
    name: 'nosql: a collection handed in from another module (FastAPI Depends), and $where wherever the driver is imported',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `from fastapi import APIRouter, Depends

from .deps import get_reviews
from .schemas import ReviewSearch

router = APIRouter()


@router.post("/{product_id}/reviews/search")
def review_search(product_id: int, body: ReviewSearch, coll=Depends(get_reviews)):
    flt = {"product_id": product_id, **body.filter}
    return list(coll.find(flt))  #!


@router.get("/{product_id}/reviews/min-rating")
def min_rating(product_id: int, rating: str, db=Depends(get_reviews)):
    return list(db.find({"product_id": product_id, "$where": f"this.rating >= {rating}"}))  #!
`,
  },
  {
    name: 'ssrf: a FastAPI body model imported from the project schemas, even when the parameter is called req',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import httpx
from fastapi import APIRouter, Depends

from catalog.deps import get_current_user
from catalog.schemas import FeedImportRequest

router = APIRouter()


@router.post("/feed")
def import_feed(req: FeedImportRequest, user=Depends(get_current_user)):
    return httpx.get(req.url, timeout=20).text  #!
`,
  },
  {
    name: 'cors: Flask-CORS resources allowing every origin with credentials',
    rule: 'python-cors-any-origin',
    vulnerable: true,
    code: `from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #!
`,
  },
  {
    name: 'debug and cookie settings in a development configuration class of config.py are quiet',
    rule: 'python-django-debug-setting',
    vulnerable: false,
    file: 'config.py',
    code: `class BaseConfig:
    SECRET_KEY = None


class DevelopmentConfig(BaseConfig):
    DEBUG = True
    SESSION_COOKIE_SECURE = False
`,
  },
  {
    name: 'xss: a Streamlit page rendering what its visitor typed as HTML (unsafe_allow_html, st.html)',
    rule: 'python-xss',
    vulnerable: true,
    code: `import streamlit as st

name = st.text_input("Your name")
st.markdown(f"<h2>Hello {name}</h2>", unsafe_allow_html=True)  #!
note = st.text_area("Note")
st.html(f"<div class='note'>{note}</div>")  #!
`,
  },
  {
    name: 'xss safe: Streamlit markdown that escapes (the default), and a constant HTML fragment',
    rule: 'python-xss',
    vulnerable: false,
    code: `import streamlit as st

name = st.text_input("Your name")
st.markdown(f"Hello {name}")
st.markdown("<hr class='sep'>", unsafe_allow_html=True)
st.write(name)
`,
  },
  {
    name: 'ssrf/regex: what a Streamlit visitor types reaches requests and re',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
import streamlit as st

url = st.text_input("URL", "https://orders.internal/healthz")
if st.button("GET"):
    st.write(requests.get(url, timeout=5).status_code)  #!
`,
  },
  {
    name: 'nosql: an aiohttp app registry database (request.app["db"].collection.find)',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `import json

from aiohttp import web


async def search(request):
    user_filter = json.loads(request.query.get("filter", "{}"))
    query = {"tenant": "t1", **user_filter}
    cursor = request.app["db"].subscriptions.find(query)  #!
    return web.json_response([d async for d in cursor])
`,
  },
  {
    name: 'sql: a value reduced to name characters by re.sub still breaks an unquoted query (1-- comments out the rest)',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `import re
import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.get("/a")
def a():
    x = re.sub(r"[^a-z0-9-]", "", request.args["id"])
    rows = sqlite3.connect("d").execute(f"SELECT * FROM t WHERE id = {x} AND tenant = 5")  #!
    return open("/srv/" + x + ".txt").read() + str(rows)
`,
  },
  {
    name: 'tools: an MCP server tool (@mcp.tool()) opens and fetches what the model asked for',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")


@mcp.tool()
def read_note(name: str) -> str:
    with open("/srv/notes/" + name) as fh:  #!
        return fh.read()
`,
  },
  {
    name: 'tools: a LangChain @tool fetches the URL the model chose',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
from langchain_core.tools import tool


@tool
def fetch_page(url: str) -> str:
    """Fetch a web page."""
    return requests.get(url, timeout=10).text  #!
`,
  },
  {
    name: 'path safe: a file extension (os.path.splitext(name)[1], or unpacked) holds no separator',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
import tempfile
from flask import Flask, request

app = Flask(__name__)


@app.post("/up")
def up():
    f = request.files["bundle"]
    with tempfile.NamedTemporaryFile(suffix=os.path.splitext(f.filename)[1], delete=False) as tmp:
        f.save(tmp)
    root, ext = os.path.splitext(request.form["name"])
    return open("/srv/icons/default" + ext, "rb").read()
`,
  },
  {
    name: 'path: the root of os.path.splitext is still the name',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from flask import Flask, request

app = Flask(__name__)


@app.get("/doc")
def doc():
    root, ext = os.path.splitext(request.args["name"])
    return open(root + ".md").read()  #!
`,
  },
  {
    name: 'nosql safe: filter values checked to be strings under allowed keys (isinstance(v, str))',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `import json
from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
conversations = MongoClient().chat.conversations
ALLOWED = {"persona", "status"}


@app.get("/c")
def c():
    query = {}
    for k, v in json.loads(request.args.get("q", "{}")).items():
        if k in ALLOWED and isinstance(v, str):
            query[k] = v
    return {"rows": list(conversations.find(query).limit(50))}
`,
  },
  {
    name: 'sql safe: an identifier checked by a compiled pattern in a helper (RE.match(name or ""))',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `import re
import sqlite3
from flask import Flask, request

app = Flask(__name__)
_IDENT_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def safe_ident(name):
    if not _IDENT_RE.match(name or ""):
        raise ValueError("invalid identifier")
    return name


@app.delete("/p")
def p():
    t = safe_ident(request.args["table"])
    sqlite3.connect("w.db").execute(f'DELETE FROM staging."{t}"')
    return "ok"
`,
  },
  {
    name: 'sql safe: a function of another module named for making its argument safe (hooks.safe_ident)',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `import sqlite3
from flask import Flask, request
from etl_helpers_outside import hooks

app = Flask(__name__)


@app.post("/analyze")
def analyze():
    table = hooks.safe_ident(request.form["table"])
    sqlite3.connect("w.db").execute(f"ANALYZE staging.{table}")
    return "ok"
`,
  },
  {
    name: 'credentials: names and values assigned as tuples, and the default of a project getter',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import os


def _var(name, default=None):
    return os.environ.get(name, default)


PARTNER_USER, PARTNER_PASSWORD = "feeds", "pf-Pa55word-19"  #!
WAREHOUSE_PASSWORD = _var("WAREHOUSE_PASSWORD", "wh-Pa55word-42")  #!
region, timeout = "eu-west-1", "30"
DB_PASSWORD = _var("DB_PASSWORD", "")
`,
  },
  {
    name: 'deserialization: an MLflow model loaded from a URI the caller chose (a constant registry URI is not)',
    rule: 'python-unsafe-deserialization',
    vulnerable: true,
    code: `import mlflow


def load(model_uri):
    return mlflow.pyfunc.load_model(model_uri)  #!


PROD = mlflow.pyfunc.load_model("models:/churn/Production")
`,
  },
  {
    name: 'path safe: a file MLflow downloaded into its own folder (download_artifacts)',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import mlflow
from flask import Flask, request

app = Flask(__name__)


@app.get("/cfg")
def cfg():
    local = mlflow.artifacts.download_artifacts(run_id=request.args["run"], artifact_path="config.yaml")
    with open(local) as fh:
        return fh.read()
`,
  },
  {
    name: 'jinja safe: an environment for LLM prompts (plain text) turns autoescape off on purpose',
    rule: 'python-jinja-autoescape-off',
    vulnerable: false,
    code: `from jinja2 import Environment, FileSystemLoader

_prompt_env = Environment(loader=FileSystemLoader("prompts"), autoescape=False)


def render_sql_template(name, **ctx):
    sql_env = Environment(loader=FileSystemLoader("sql"))
    return sql_env.get_template(name).render(**ctx)
`,
  },
  {
    name: 'jinja: an HTML environment with autoescape off is still reported',
    rule: 'python-jinja-autoescape-off',
    vulnerable: true,
    code: `from jinja2 import Environment

_transcript_tmpl = Environment(autoescape=False).from_string("<div>{{ m }}</div>")  #!
`,
  },
  {
    name: 'cookies: Sanic add_cookie with httponly turned off',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `from sanic import Sanic, response

app = Sanic("media")


@app.post("/login")
async def login(request):
    resp = response.json({"ok": True})
    resp.add_cookie("media_session", request.form.get("u", ""), secure=True, httponly=False)  #!
    return resp
`,
  },
  {
    name: 'cors: Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True) in a Starlette list',
    rule: 'python-cors-any-origin',
    vulnerable: true,
    code: `from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

middleware = [
    Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"]),  #!
    Middleware(CORSMiddleware, allow_origins=["https://app.acme.io"], allow_credentials=True),
]
app = Starlette(middleware=middleware)
`,
  },
  {
    name: 'sql: a gRPC servicer method formats the client message into SQL',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `import asyncpg
import reports_pb2_grpc


class ReportsServicer(reports_pb2_grpc.ReportsServicer):
    def __init__(self, pool):
        self.pool = pool

    async def TopCustomers(self, request, context):
        return await self.pool.fetch(f"SELECT customer FROM sales WHERE region = '{request.region}'")  #!
`,
  },
  {
    name: 'path safe: a gRPC servicer confines the path, leaving by await context.abort',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
import grpc
import reports_pb2_grpc

REPORT_DIR = "/srv/reports"


class ReportsServicer(reports_pb2_grpc.ReportsServicer):
    async def FetchReport(self, request, context):
        path = os.path.realpath(os.path.join(REPORT_DIR, request.filename))
        if os.path.commonpath([path, REPORT_DIR]) != REPORT_DIR:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "outside")
        with open(path, "rb") as fh:
            return fh.read()
`,
  },
  {
    name: 'template injection: a Tornado template compiled from the request body',
    rule: 'python-xss',
    vulnerable: true,
    code: `import tornado.template
import tornado.web


class Preview(tornado.web.RequestHandler):
    def post(self):
        tpl_src = self.get_body_argument("template")
        self.write(tornado.template.Template(tpl_src).generate(user="x"))  #!
`,
  },
  {
    name: 'ssrf/tls: Tornado fetch of a request URL, certificates not checked',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest


class Probe(tornado.web.RequestHandler):
    async def get(self):
        client = AsyncHTTPClient()
        req = HTTPRequest(self.get_argument("url"), request_timeout=5, validate_cert=False)
        resp = await client.fetch(req, raise_error=False)  #!
        self.finish({"status": resp.code})
`,
  },
  {
    name: 'tls: Tornado HTTPRequest(validate_cert=False)',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `from tornado.httpclient import HTTPRequest

REQ = HTTPRequest("https://internal.acme.io/health", validate_cert=False)  #!
`,
  },
  {
    name: 'xss/redirect: Litestar Response with an HTML media type, Redirect to a query value',
    rule: 'python-xss',
    vulnerable: true,
    code: `from typing import Any

from litestar import Response, get, post
from litestar.response import Redirect


@post("/preview")
async def preview(data: dict[str, Any]) -> Response:
    return Response(f"<div>{data.get('body', '')}</div>", media_type="text/html")  #!


@post("/json")
async def as_json(data: dict[str, Any]) -> Response:
    return Response({"body": data.get("body", "")})
`,
  },
  {
    name: 'redirect: Litestar Redirect(path=…) to a query value',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from litestar import get
from litestar.response import Redirect


@get("/continue")
async def continue_shopping(next: str = "/catalog") -> Redirect:
    return Redirect(path=next)  #!
`,
  },
  {
    name: 'redirect safe: the value stored under a request key in the application state (feeds.get(key)["homepage"])',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/out/{feed_id}")
async def outbound(request):
    feed = request.app["feeds"].get(request.match_info["feed_id"])
    if feed is None:
        raise web.HTTPNotFound()
    raise web.HTTPFound(location=feed["homepage"])
`,
  },
  {
    name: 'ssrf: an aiohttp session known by its annotation (parameter and annotated assignment)',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import aiohttp
from aiohttp import web

routes = web.RouteTableDef()


async def fetch_text(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as resp:  #!
        return await resp.text()


@routes.get("/proxy")
async def proxy(request):
    src = request.query.get("src", "")
    session: aiohttp.ClientSession = request.app["http"]
    async with session.get(src) as resp:  #!
        body = await resp.read()
    return web.Response(text=await fetch_text(session, src) + str(len(body)))
`,
  },
  {
    name: 'command: an Airflow BashOperator templated from dag_run.conf (a params default or a macro is not)',
    rule: 'python-airflow-templated-command',
    vulnerable: true,
    code: `from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG("partner_ingest", schedule=None) as dag:
    move = BashOperator(
        task_id="archive",
        bash_command="aws s3 mv s3://bucket/{{ dag_run.conf.get('key', 'exports/' + ds) }} s3://bucket/archive/",  #!
    )
    stamp = BashOperator(task_id="stamp", bash_command="echo {{ ds }} > /tmp/stamp")
`,
  },
  {
    name: 'ssrf: a Gradio handler registered with .click(fn, inputs=…) fetches the URL a visitor typed',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import gradio as gr
import requests


def classify(image_url, threshold):
    resp = requests.get(image_url, timeout=20)  #!
    return len(resp.content) > threshold


def about():
    return requests.get("https://models.acme.io/about", timeout=5).text


with gr.Blocks() as demo:
    url = gr.Textbox(label="Image URL")
    th = gr.Number(value=0.5)
    out = gr.Label()
    gr.Button("Classify").click(classify, inputs=[url, th], outputs=out)
    gr.Button("About").click(fn=about, outputs=out)
`,
  },
  {
    name: 'chat bots: a discord.py slash command takes what a member typed (a Member argument is no text)',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import aiohttp
import discord
from discord import app_commands
from discord.ext import commands


class Admin(commands.Cog):
    def __init__(self, bot):
        self.bot = bot
        self.http = aiohttp.ClientSession()

    @app_commands.command(name="icon-from-url")
    async def icon_from_url(self, interaction: discord.Interaction, url: str):
        async with self.http.get(url) as resp:  #!
            await interaction.response.send_message(str(resp.status))

    @app_commands.command(name="avatar")
    async def avatar(self, interaction: discord.Interaction, member: discord.Member):
        async with self.http.get(f"https://cdn.discordapp.com/avatars/{member.id}.png") as resp:
            await interaction.response.send_message(str(resp.status))
`,
  },
  {
    name: 'sql safe: a discord.py command given a Member uses its numeric id',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `import sqlite3
import discord
from discord import app_commands
from discord.ext import commands

db = sqlite3.connect("karma.db")


class Karma(commands.Cog):
    @app_commands.command(name="thanks")
    async def thanks(self, interaction: discord.Interaction, member: discord.Member):
        db.execute(f"INSERT INTO karma (user_id, points) VALUES ({member.id}, 1)")
        await interaction.response.send_message("ok")
`,
  },
  {
    name: 'chat bots: a Slack Bolt command (@app.command) is remote input, not a command line',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from slack_bolt import App

app = App(token=os.environ["SLACK_BOT_TOKEN"])
LOG_DIR = "/var/log/services"


@app.command("/logs")
def logs(ack, command, respond):
    ack()
    with open(os.path.join(LOG_DIR, command["text"].strip())) as fh:  #!
        respond(fh.read()[-3000:])
`,
  },
  {
    name: 'xss: a Flask error handler echoes the requested path into HTML',
    rule: 'python-xss',
    vulnerable: true,
    code: `from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.errorhandler(404)
def not_found(_e):
    return f"<h1>Not found</h1><p>Nothing lives at {request.path}</p>", 404  #!


@app.errorhandler(500)
def failed(_e):
    return f"<h1>Error</h1><p>{escape(request.path)}</p>", 500
`,
  },
  {
    name: 'credentials: the fallback of an environment lookup written with or',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import os

LEDGER_API_KEY = os.environ.get("LEDGER_API_KEY") or "ll-Pa55word-api-77"  #!
LEDGER_REGION = os.environ.get("LEDGER_REGION") or "eu-west-1"
DB_PASSWORD = os.environ.get("DB_PASSWORD") or ""
`,
  },
  {
    name: 'xss: JSON of untrusted values written into a <script> block (json.dumps escapes no markup)',
    rule: 'python-xss',
    vulnerable: true,
    code: `import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def structured_data(page):
    data = {"@type": "NewsArticle", "headline": page.title}
    return mark_safe('<script type="application/ld+json">' + json.dumps(data) + "</script>")  #!
`,
  },
  {
    name: 'path: a Django Channels consumer reads the file the websocket client named',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os

from channels.generic.websocket import AsyncJsonWebsocketConsumer

EXPORT_DIR = "/srv/exports"


class FeedConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content, **kwargs):
        if content.get("action") == "export":
            with open(os.path.join(EXPORT_DIR, content["filename"]), encoding="utf-8") as fh:  #!
                await self.send_json({"data": fh.read()})
`,
  },
  {
    name: 'password hash: a function named for hashing passwords uses sha256, whatever its arguments are called',
    rule: 'python-weak-password-hash',
    vulnerable: true,
    code: `import hashlib


def legacy_password_hash(raw: str, salt: str) -> str:
    return hashlib.sha256((salt + raw).encode()).hexdigest()  #!


def password_reset_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
`,
  },
  {
    name: 'command: a Fabric task runs its arguments in a remote shell (Connection.run / sudo)',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `from fabric import Connection, task


def _conn(host):
    return Connection(host, user="deploy")


@task
def deploy(c, ref="main"):
    conn = _conn("app1.internal")
    conn.run(f"cd /srv/app && git checkout {ref}")  #!
    conn.run("systemctl restart app")
`,
  },
  {
    name: 'ssrf: a kopf operator handler fetches a URL from the custom resource spec',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import kopf
import requests


@kopf.on.update("acme.io", "v1", "configbundles")
def render_bundle(spec, name, namespace, logger, **_):
    for src in spec.get("sources", []):
        resp = requests.get(src["url"], timeout=10)  #!
        logger.info(resp.status_code)
`,
  },
  {
    name: 'redirect: a prefix check against a module constant that does not end the host',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from flask import Flask, abort, redirect, request

app = Flask(__name__)
GRAFANA_PREFIX = "https://grafana.corp.internal"
DOCS_PREFIX = "https://docs.corp.internal/"


@app.route("/dash")
def dash():
    url = request.args.get("url", GRAFANA_PREFIX)
    if not url.startswith(GRAFANA_PREFIX):
        abort(400)
    return redirect(url)  #!


@app.route("/docs")
def docs():
    url = request.args.get("url", DOCS_PREFIX)
    if not url.startswith(DOCS_PREFIX):
        abort(400)
    return redirect(url)
`,
  },
  {
    name: 'sql safe: a project helper named fetch(url), imported by name, is HTTP',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from flask import Flask, request

from infra_common_http import fetch

app = Flask(__name__)


@app.post("/probe")
def probe():
    resp = fetch(request.json["url"], timeout=5)
    return {"status": resp.status_code}
`,
  },
  // session 12 (held-out batch 32: Falcon, Bottle, Dash, Streamlit, Scrapy, Jupyter)
  {
    name: 'xss: json.dumps alone as a Tornado body is data; built into markup it is HTML again',
    rule: 'python-xss',
    vulnerable: true,
    code: `import json
import tornado.web


class Head(tornado.web.RequestHandler):
    def get(self):
        rel = self.get_argument("path")
        self.finish(json.dumps({"path": rel}))
        body = json.dumps({"path": rel})
        self.write(body)
        self.write("<script>var d = " + body + ";</script>")  #!
`,
  },
  {
    name: 'xss safe: json.dumps as a whole HttpResponse body',
    rule: 'python-xss',
    vulnerable: false,
    code: `import json
from django.http import HttpResponse


def status(request):
    return HttpResponse(json.dumps({"q": request.GET.get("q")}))
`,
  },
  {
    name: 'ssrf: a Scrapy pipeline downloads what the scraped item names; scheme-only startswith checks fix no host',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests


class ImageStorePipeline:
    def process_item(self, item, spider):
        url = item.get("image_url")
        if not url or not url.startswith(("http://", "https://")):
            return item
        resp = requests.get(url, timeout=20)  #!
        other = item.get("thumb")
        if other and other.startswith(("https://cdn.example.com/", "https://img.example.com/")):
            requests.get(other, timeout=20)
        return item
`,
  },
  {
    name: 'path: a pandas writer given a file name the visitor typed (Streamlit)',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import pandas as pd
import streamlit as st

from app import config

df = pd.DataFrame({"a": [1]})
name = st.text_input("Export file name", "sales.csv")
if st.button("Export"):
    df.to_csv(config.EXPORT_DIR / name, index=False)  #!
    df.to_excel("/srv/exports/fixed.xlsx")
`,
  },
  {
    name: 'xss: a Falcon responder setting markup built from a parameter (JSON text is not markup)',
    rule: 'python-xss',
    vulnerable: true,
    code: `import falcon


class Preview:
    def on_get(self, req, resp):
        name = req.get_param("name", default="")
        if not name:
            resp.text = f'{{"error": "no report {name}"}}'
            return
        resp.content_type = falcon.MEDIA_HTML
        resp.text = f"<html><body><p>No report found for <b>{name}</b>.</p></body></html>"  #!
`,
  },
  {
    name: 'redirect: Falcon HTTPFound raised with a query parameter',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `import falcon


class Redirector:
    def on_get(self, req, resp):
        target = req.get_param("next", default="/")
        raise falcon.HTTPFound(target)  #!
`,
  },
  {
    name: 'cors: a Falcon middleware echoes the Origin header through set_header',
    rule: 'python-cors-reflected-origin',
    vulnerable: true,
    code: `class CORSMiddleware:
    def process_response(self, req, resp, resource, req_succeeded):
        origin = req.get_header("Origin")
        if not origin:
            return
        resp.set_header("Access-Control-Allow-Origin", origin)  #!
        resp.set_header("Access-Control-Allow-Credentials", "true")
        resp.set_header("Vary", "Origin")
`,
  },
  // session 12 (held-out batch 33: Odoo, Pyramid, zeep/lxml, python3-saml, WeasyPrint)
  {
    name: 'xss: an Odoo portal controller answering markup with the searched text',
    rule: 'python-xss',
    vulnerable: true,
    code: `from odoo import http
from odoo.http import request


class Portal(http.Controller):
    @http.route("/my/statements/search", type="http", auth="user", website=True)
    def statement_search(self, q="", **kw):
        return request.make_response("<div>No statement matches <b>%s</b></div>" % q, headers=[("Content-Type", "text/html")])  #!
`,
  },
  {
    name: 'redirect: an Odoo controller redirecting to a parameter',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from odoo import http
from odoo.http import request


class Portal(http.Controller):
    @http.route("/my/back", type="http", auth="user")
    def back(self, redirect="/my", **kw):
        return request.redirect(redirect)  #!
`,
  },
  {
    name: 'cors: a Pyramid NewResponse subscriber echoing the Origin header',
    rule: 'python-cors-reflected-origin',
    vulnerable: true,
    code: `from pyramid.events import NewResponse


def add_cors_headers(event):
    origin = event.request.headers.get("Origin")
    if origin:
        event.response.headers["Access-Control-Allow-Origin"] = origin  #!
        event.response.headers["Access-Control-Allow-Credentials"] = "true"


def includeme(config):
    config.add_subscriber(add_cors_headers, NewResponse)
`,
  },
  {
    name: 'cookie: a Pyramid cookie session factory with httponly=False',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `import os

from pyramid.session import SignedCookieSessionFactory

factory = SignedCookieSessionFactory(os.environ["SESSION_SECRET"], secure=True, httponly=False)  #!
other = SignedCookieSessionFactory(os.environ["SESSION_SECRET"], secure=True, httponly=True)
`,
  },
  {
    name: 'debug: the Pyramid debug toolbar included by the application',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `from pyramid.config import Configurator


def main(global_config, **settings):
    with Configurator(settings=settings) as config:
        config.include("pyramid_mako")
        config.include("pyramid_debugtoolbar")  #!
        return config.make_wsgi_app()
`,
  },
  {
    name: 'jwt: python3-saml settings that accept unsigned or unchecked responses (dict entries)',
    rule: 'python-jwt-unverified',
    vulnerable: true,
    code: `from onelogin.saml2.auth import OneLogin_Saml2_Auth

SAML_SETTINGS = {
    "strict": False,  #!
    "debug": False,
    "security": {
        "authnRequestsSigned": False,
        "wantAssertionsSigned": False,  #!
        "wantMessagesSigned": False,
    },
}
OTHER = {"strict": True, "security": {"wantAssertionsSigned": True}}
`,
  },
  {
    name: 'weak hash: python3-saml signing with SHA-1',
    rule: 'python-weak-hash',
    vulnerable: true,
    code: `from onelogin.saml2.auth import OneLogin_Saml2_Auth

SETTINGS = {
    "security": {
        "signatureAlgorithm": "http://www.w3.org/2000/09/xmldsig#rsa-sha1",  #!
        "digestAlgorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
    },
}
`,
  },
  {
    name: 'ssrf: SAML metadata, a WSDL and a page for a PDF fetched from what the request names',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `from flask import Flask, request
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from weasyprint import HTML
from zeep import Client

app = Flask(__name__)


@app.post("/admin/import-metadata")
def import_metadata():
    data = OneLogin_Saml2_IdPMetadataParser.parse_remote(request.form["metadata_url"], timeout=10)  #!
    client = Client(request.form["wsdl"])  #!
    pdf = HTML(url=request.form["page"]).write_pdf()  #!
    fixed = Client("https://erp.example.com/sap/bc/srt/wsdl?sap-client=100")
    return {"ok": True}
`,
  },
  {
    name: 'credential: a cipher key by its algorithm\'s name (LEGACY_DES_KEY = b"…")',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import os

LEGACY_DES_KEY = b"Pq7!xK2m"  #!
AES_KEY = bytes.fromhex(os.environ["AES_KEY_HEX"])
HMAC_KEY_NAME = "hmac-v1"
`,
  },
  {
    name: 'sources: a CherryPy exposed method (its parameters, cherrypy.request) answering markup and redirecting',
    rule: 'python-xss',
    vulnerable: true,
    code: `import cherrypy


class Root:
    @cherrypy.expose
    @cherrypy.tools.json_in()
    def search(self):
        q = cherrypy.request.json["q"]
        return "<p>%s</p>" % q  #!

    @cherrypy.expose
    def hello(self, name=""):
        return "<h1>Hello %s</h1>" % name  #!

    def helper(self, name=""):
        return "<h1>Hello %s</h1>" % name
`,
  },
  {
    name: 'redirect: CherryPy HTTPRedirect to a query parameter',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `import cherrypy


class Root:
    @cherrypy.expose
    def go(self, url="/"):
        raise cherrypy.HTTPRedirect(url)  #!
`,
  },
  // session 12 (held-out batch 34: AWS Chalice, Azure Functions, Google Cloud Functions, Zappa)
  {
    name: 'xss / redirect: a Chalice route answering HTML and a Location header built from its query',
    rule: 'python-xss',
    vulnerable: true,
    code: `from chalice import Chalice, Response

app = Chalice(app_name="orders")


@app.route("/gift")
def gift():
    greeting = (app.current_request.query_params or {}).get("greeting", "Enjoy!")
    body = f"<html><body><h2>{greeting}</h2></body></html>"
    return Response(body=body, status_code=200, headers={"Content-Type": "text/html"})  #!


@app.route("/data")
def data():
    q = (app.current_request.query_params or {}).get("q", "")
    return Response(body={"q": q}, status_code=200, headers={"Content-Type": "application/json"})
`,
  },
  {
    name: 'redirect: a Location header in a response headers dict (Chalice Response, a Lambda proxy response)',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from chalice import Chalice, Response

app = Chalice(app_name="orders")


@app.route("/checkout/complete")
def checkout_complete():
    target = (app.current_request.query_params or {}).get("return_url", "/orders")
    return Response(body="", status_code=302, headers={"Location": target})  #!


def handler(event, context):
    nxt = (event.get("queryStringParameters") or {}).get("next", "/")
    return {"statusCode": 302, "headers": {"Location": nxt}, "body": ""}  #!


def fixed(event, context):
    return {"statusCode": 302, "headers": {"Location": "/login"}, "body": ""}


def not_headers(event, context):
    return {"Location": (event.get("queryStringParameters") or {}).get("city")}
`,
  },
  {
    name: 'cookie: a session Set-Cookie header written by hand without Secure or HttpOnly',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `from chalice import Chalice, Response

app = Chalice(app_name="orders")


@app.route("/session", methods=["POST"])
def create_session():
    token = make_token()
    return Response(body={"ok": True}, status_code=200, headers={"Set-Cookie": f"acme_sess={token}; Path=/; Max-Age=86400"})  #!


@app.route("/session2", methods=["POST"])
def create_session2():
    token = make_token()
    return Response(body={"ok": True}, headers={"Set-Cookie": f"acme_sess={token}; Path=/; Secure; HttpOnly; SameSite=Lax"})
`,
  },
  {
    name: 'cors: Chalice CORSConfig allowing any origin with credentials',
    rule: 'python-cors-any-origin',
    vulnerable: true,
    code: `from chalice import CORSConfig

cors = CORSConfig(allow_origin="*", allow_headers=["Authorization"], allow_credentials=True)  #!
ok = CORSConfig(allow_origin="https://shop.example.com", allow_credentials=True)
`,
  },
  {
    name: 'sources: an Azure Functions request body rendered as a template (template injection, under python-xss)',
    rule: 'python-xss',
    vulnerable: true,
    code: `import json
import re

import azure.functions as func
from jinja2 import Template

app = func.FunctionApp()


@app.route(route="templates/preview", methods=["POST"])
def preview(req: func.HttpRequest) -> func.HttpResponse:
    payload = req.get_json()
    rendered = Template(payload.get("body", "")).render(customer={})  #!
    return func.HttpResponse(rendered, mimetype="text/plain")
`,
  },
  {
    name: 'regex: an Azure queue message picks the pattern',
    rule: 'python-regex-injection',
    vulnerable: true,
    code: `import json
import re

import azure.functions as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="jobs", connection="Storage")
def redact(msg: func.QueueMessage) -> None:
    job = json.loads(msg.get_body().decode("utf-8"))
    rx = re.compile(job["pattern"], re.IGNORECASE)  #!
    safe = re.compile(re.escape(job["term"]))
`,
  },
  {
    name: 'path: a Cloud Storage object name from a storage event mirrored to a local path',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os

import functions_framework
from google.cloud import storage

_client = storage.Client()


@functions_framework.cloud_event
def on_upload(cloud_event):
    data = cloud_event.data
    local = os.path.join("/tmp/media", data["name"])
    _client.bucket(data["bucket"]).blob(data["name"]).download_to_filename(local)  #!
`,
  },
  {
    name: 'xss safe: a proxy writing out the page it fetched (the URL is the SSRF finding, the response the server\'s data)',
    rule: 'python-xss',
    vulnerable: false,
    code: `import requests
import tornado.web


class Proxy(tornado.web.RequestHandler):
    def get(self):
        r = requests.get(self.get_argument("src"), timeout=5)
        self.set_header("Content-Type", r.headers.get("Content-Type", "image/png"))
        self.write(r.content)
`,
  },
  {
    name: 'nosql: a DynamoDB filter expression built from request data; condition builders keep values out of it',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `import boto3
from boto3.dynamodb.conditions import Attr, Key
from flask import Flask, request

app = Flask(__name__)
_client = boto3.client("dynamodb")
_table = boto3.resource("dynamodb").Table("orders")


@app.get("/search")
def search():
    field, value = request.args["field"], request.args["value"]
    resp = _client.scan(TableName="orders", FilterExpression=f"{field} = :v", ExpressionAttributeValues={":v": {"S": value}})  #!
    kwargs = {"KeyConditionExpression": Key("customer_id").eq(request.args["cid"]), "FilterExpression": Attr("status").eq(value)}
    return {"a": resp["Items"], "b": _table.query(**kwargs)["Items"]}
`,
  },
  {
    name: 'sql: a BigQuery query built from request data (query parameters are the safe way)',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from flask import Flask, request
from google.cloud import bigquery

app = Flask(__name__)
_bq = bigquery.Client()


@app.get("/assets")
def assets():
    term = request.args.get("q", "")
    rows = _bq.query(f"SELECT id FROM media.assets WHERE title LIKE '%{term}%'").result()  #!
    cfg = bigquery.QueryJobConfig(query_parameters=[bigquery.ScalarQueryParameter("t", "STRING", term)])
    safe = _bq.query("SELECT id FROM media.assets WHERE title = @t", job_config=cfg).result()
    return {"n": len(list(rows)) + len(list(safe))}
`,
  },
  {
    name: 'credential: a storage connection string with its account key',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import os

_FALLBACK = "DefaultEndpointsProtocol=https;AccountName=acmedocs;AccountKey=q8Vn3J0xk2WbLr7TzP5yHc1MdA9sFe4Gu6KoIi0NjXlQw==;EndpointSuffix=core.windows.net"  #!
CONN = os.environ.get("STORAGE_CONN", "UseDevelopmentStorage=true")
`,
  },
  // session 12 (held-out batch 35: http.server, XML-RPC, JSON-RPC, socketserver, asyncio streams, paramiko SFTP)
  {
    name: 'sources: an http.server handler (self.path, self.rfile in any method of the class) redirecting with send_header',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, quote, urlparse


class Dashboard(BaseHTTPRequestHandler):
    def _query(self):
        return {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}

    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", self._query().get("next", "/"))  #!
        self.send_header("Location", "/login?next=" + quote(self.path, safe=""))
        self.end_headers()
`,
  },
  {
    name: 'cookie: a session Set-Cookie sent by hand through send_header without Secure',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `from http.server import BaseHTTPRequestHandler

SESSION_COOKIE = "ops_session"


class Dashboard(BaseHTTPRequestHandler):
    def do_POST(self):
        sid = make_sid()
        self.send_response(302)
        self.send_header("Set-Cookie", f"{SESSION_COOKIE}={sid}; Path=/; HttpOnly")  #!
        self.send_header("Set-Cookie", f"{SESSION_COOKIE}={sid}; Path=/; Secure; HttpOnly")
        self.send_header("Set-Cookie", jar[SESSION_COOKIE].OutputString())
        self.end_headers()
`,
  },
  {
    name: 'sources: a socketserver handler and an asyncio stream callback read what the peer sends',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import asyncio
import json
import socketserver
import subprocess


class Control(socketserver.StreamRequestHandler):
    def handle(self):
        cmd = json.loads(self.rfile.readline())
        subprocess.run("systemctl restart " + cmd["unit"], shell=True)  #!


async def _handle(reader, writer):
    msg = json.loads(await reader.readline())
    proc = await asyncio.create_subprocess_shell("ping -c1 " + msg["host"])  #!


async def main():
    server = await asyncio.start_server(_handle, "0.0.0.0", 9000)
    await server.serve_forever()
`,
  },
  {
    name: 'code: a JSON-RPC method and an XML-RPC registered function get what the client sends',
    rule: 'python-code-injection',
    vulnerable: true,
    code: `from jsonrpc import dispatcher
from xmlrpc.server import SimpleXMLRPCServer


@dispatcher.add_method(name="metrics.evaluate")
def evaluate(expression, values=None):
    return eval(expression, {"__builtins__": {}}, dict(values or {}))  #!


def run_snippet(code):
    exec(code)  #!


server = SimpleXMLRPCServer(("0.0.0.0", 8000))
server.register_function(run_snippet, "run")
`,
  },
  {
    name: 'path: file names listed on a remote SFTP server joined to a local folder',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import shutil


def pull(sftp, remote_dir, local_dir):
    for entry in sftp.listdir_attr(remote_dir):
        local_path = os.path.join(local_dir, entry.filename)
        sftp.get(f"{remote_dir}/{entry.filename}", "/srv/stage/part")
        shutil.move("/srv/stage/part", local_path)  #!
        shutil.move("/srv/stage/part", os.path.join(local_dir, os.path.basename(entry.filename)))
`,
  },
  {
    name: "xss: a stored field's line breaks turned into <br> and marked safe (markup put in by replace makes it HTML built from the text)",
    rule: 'python-xss',
    vulnerable: true,
    code: `from django.shortcuts import get_object_or_404, render
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from .models import Article
def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    comments = []
    for c in article.comments.order_by("created"):
        comments.append({"body": mark_safe(c.body.replace("\\n", "<br>"))})  #!
        comments.append({"body": mark_safe(escape(c.body).replace("\\n", "<br>"))})
        comments.append({"body": mark_safe(c.title.replace("-", " "))})
    return render(request, "article.html", {"comments": comments})
`,
  },
  {
    name: 'ssrf: a queue worker posting to a callback URL from an SQS message (whoever can send to the queue chose it)',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import json
import boto3
import requests
sqs = boto3.client("sqs")
def poll(queue_url):
    resp = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
    for msg in resp.get("Messages", []):
        job = json.loads(msg["Body"])
        requests.post(job["callback_url"], json={"ok": True})  #!
        requests.post("https://status.example.com/ping", json={"job": job.get("id")})
`,
  },
  {
    name: "xss: a CGI script printing its form's fields into the page (html.escape is the safe way)",
    rule: 'python-xss',
    vulnerable: true,
    code: `import cgi
import html
form = cgi.FieldStorage()
q = form.getfirst("q", "")
print("Content-Type: text/html")
print()
print("<p>Results for <b>" + q + "</b></p>")  #!
print("<p>Results for <b>%s</b></p>" % html.escape(q))
`,
  },
  {
    name: "debug: cgitb.enable() shows tracebacks to the visitor (display=0 logs them)",
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `import cgitb
cgitb.enable()  #!
cgitb.enable(display=0, logdir="/var/log/app")
`,
  },
  {
    name: "code: pandas query/eval of a request's expression; regex: str.contains of a request's pattern (regex=False is plain text)",
    rule: 'python-code-injection',
    vulnerable: true,
    code: `import pandas as pd
from flask import Flask, request
app = Flask(__name__)
@app.route("/report")
def report():
    df = pd.read_csv("data.csv")
    out = df.query(request.args["filter"], engine="python")  #!
    fixed = df.query("revenue > 1000")
    return out.to_json()
`,
  },
  {
    name: "regex: pandas str.contains/match with a request's pattern (regex=False is plain text)",
    rule: 'python-regex-injection',
    vulnerable: true,
    code: `import pandas as pd
from flask import Flask, request
app = Flask(__name__)
@app.route("/report")
def report():
    df = pd.read_csv("data.csv")
    a = df[df["product"].astype(str).str.contains(request.args["p"], regex=True)]  #!
    b = df[df["product"].str.contains(request.args["p"], regex=False)]
    c = df[df["sku"].str.match(request.args["sku"])]  #!
    return a.to_json()
`,
  },
  {
    name: "xss: a DataFrame rendered to HTML with escape=False",
    rule: 'python-html-escape-off',
    vulnerable: true,
    code: `import pandas as pd
def table(path):
    df = pd.read_csv(path)
    page = df.to_html(escape=False, index=False)  #!
    safe = df.to_html(index=False)
    return page + safe
`,
  },
  {
    name: "cmd safe: a host checked by ipaddress in a try whose except returns, then put in a shell command",
    rule: 'python-command-injection',
    vulnerable: false,
    code: `import ipaddress
import subprocess
from flask import Flask, request
app = Flask(__name__)
@app.route("/trace")
def trace():
    host = request.args.get("host", "").strip()
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return "bad address", 400
    return subprocess.run("traceroute -n " + host, shell=True, capture_output=True, text=True).stdout
`,
  },
  {
    name: "cmd: a check in a try whose except only logs does not stop the value",
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import ipaddress
import logging
import subprocess
from flask import Flask, request
app = Flask(__name__)
@app.route("/trace")
def trace():
    host = request.args.get("host", "")
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        logging.warning("odd host %s", host)
    return subprocess.run("traceroute -n " + host, shell=True, capture_output=True, text=True).stdout  #!
`,
  },
  {
    name: "archive safe: tar.extract(member) after the member's resolved path was checked to stay inside (and raised)",
    rule: 'python-archive-extraction',
    vulnerable: false,
    code: `import os
import tarfile
def restore(archive_path, member_name, target):
    with tarfile.open(archive_path) as tar:
        member = tar.getmember(member_name)
        dest = os.path.realpath(os.path.join(target, member.name))
        if not dest.startswith(target + os.sep):
            raise SystemExit("refusing to extract outside of " + target)
        tar.extract(member, target)
`,
  },
  {
    name: "path: a Strawberry resolver's argument joined into a path (its return is a field's value, no HTML); Path(x).name is a bare name",
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from pathlib import Path
import strawberry
from strawberry.types import Info
EXPORT_ROOT = Path("/srv/exports")
@strawberry.type
class Mutation:
    @strawberry.mutation
    def export_ledger(self, info: Info, filename: str) -> str:
        target = os.path.join("/srv/exports", filename)
        with open(target, "w") as fh:  #!
            fh.write("number,total\\n")
        safe = EXPORT_ROOT / Path(filename).name
        with open(safe, "w") as fh:
            fh.write("ok")
        return target
`,
  },
  {
    name: "path safe: a Django file field saved under a name built from request data (its storage refuses folders in names)",
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `from django.core.files.base import ContentFile
from .models import ProductImage
def upload(request, sku):
    image = ProductImage()
    image.image.save(f"{sku}-{request.GET['pos']}.jpg", ContentFile(request.body), save=True)
`,
  },
  {
    name: "cors: an origin regex that admits any host (only the scheme fixed) with credentials",
    rule: 'python-cors-any-origin',
    vulnerable: true,
    code: `from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https?://.*", allow_credentials=True, allow_methods=["*"])  #!
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\\.example\\.com", allow_credentials=True)
`,
  },
  {
    name: "jwt: claims read unverified; reading the issuer to find its keys before a verifying decode is fine",
    rule: 'python-jwt-unverified',
    vulnerable: true,
    code: `from jose import jwt
def verify_partner_token(token):
    issuer = jwt.get_unverified_claims(token)["iss"]
    keys = fetch_keys(issuer)
    return jwt.decode(token, keys, algorithms=["RS256"], audience="api")
def verify_service_token(token):
    claims = jwt.get_unverified_claims(token)  #!
    return claims["sub"]
`,
  },
  {
    name: "jwt: a verifying decode named only in a comment verifies nothing",
    rule: 'python-jwt-unverified',
    vulnerable: true,
    code: `from jose import jwt
def verify_service_token(token):
    # TODO: jwt.decode(token, KEYS, algorithms=["RS256"]) once the keys are published
    claims = jwt.get_unverified_claims(token)  #!
    return claims["sub"]
`,
  },
  {
    name: 'sql: an Airflow task reading dag_run.conf (through context["dag_run"]) into a database hook\'s SQL',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from airflow.providers.postgres.hooks.postgres import PostgresHook
from airflow.operators.python import get_current_context

def _row_counts(**context):
    conf = context["dag_run"].conf or {}
    hook = PostgresHook(postgres_conn_id="warehouse")
    for table in conf.get("tables", []):
        hook.get_first(f"SELECT count(*) FROM {table}")  #!
    hook.get_records("SELECT 1 FROM t WHERE x < %s", parameters=(conf.get("since"),))

def _purge():
    t = get_current_context()["dag_run"].conf.get("t")
    PostgresHook().run(f"DELETE FROM {t}")  #!
`,
  },
  {
    name: 'sql: an Airflow SQL operator templated from dag_run.conf (parameters and macros are not)',
    rule: 'python-airflow-templated-sql',
    vulnerable: true,
    code: `from airflow.providers.postgres.operators.postgres import PostgresOperator

purge = PostgresOperator(
    task_id="purge",
    sql="DELETE FROM staging.{{ dag_run.conf.get('table', 'daily') }} WHERE d < '{{ ds }}'",  #!
)
mark = PostgresOperator(task_id="mark", sql="INSERT INTO log (ds) VALUES (%(ds)s)", parameters={"ds": "{{ ds }}"})
`,
  },
  {
    name: 'code: pandas eval/query on a frame made by from_records, and in a helper whose frame parameter is given request data by a caller',
    rule: 'python-code-injection',
    vulnerable: true,
    code: `import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()

class R(BaseModel):
    records: list[dict]
    where: str
    derived: dict[str, str]

def add_derived(df: pd.DataFrame, name: str, formula: str) -> pd.DataFrame:
    if not name.isidentifier():
        raise ValueError("names must be identifiers")
    return df.eval(f"{name} = {formula}")  #!

@app.post("/f")
def f(req: R):
    df = pd.DataFrame.from_records(req.records)
    df = df.query(req.where)  #!
    for name, formula in req.derived.items():
        df = add_derived(df, name, formula)
    return df.to_dict(orient="records")
`,
  },
  {
    name: 'sql safe: identifiers quoted by doubling their quotes (\'"\' + name.replace(\'"\', \'""\') + \'"\', % and format forms)',
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `from flask import Flask, request
import psycopg2

app = Flask(__name__)
conn = psycopg2.connect("")

def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

def quote_fmt(name):
    return '"{}"'.format(name.replace('"', '""'))

def quote_mysql(name):
    return '\`%s\`' % name.replace('\`', '\`\`')

@app.get("/a")
def a():
    c = request.args["c"]
    cur = conn.cursor()
    cur.execute(f"SELECT {quote_ident(c)}, {quote_fmt(c)}, {quote_mysql(c)} FROM t")
    return "ok"
`,
  },
  {
    name: 'sql: quotes doubled but not the ones around the identifier, or no quotes around it, quote nothing',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from flask import Flask, request
import psycopg2

app = Flask(__name__)
conn = psycopg2.connect("")

def not_quote(name):
    return '"' + name.replace("'", "''") + '"'

def half(name):
    return name.replace('"', '""')

@app.get("/a")
def a():
    c = request.args["c"]
    cur = conn.cursor()
    cur.execute(f"SELECT {not_quote(c)} FROM t")  #!
    cur.execute(f"SELECT {half(c)} FROM t")  #!
    return "ok"
`,
  },
  {
    name: 'path safe: a listing after `if target != base and not target.startswith(base + os.sep): raise`',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os
from flask import Flask, request

app = Flask(__name__)
ROOT = "/srv/runs"

@app.get("/ls")
def ls():
    base = os.path.realpath(ROOT)
    target = os.path.realpath(os.path.join(base, request.args.get("prefix", "")))
    if target != base and not target.startswith(base + os.sep):
        raise ValueError("prefix escapes the run directory")
    return {"entries": sorted(os.listdir(target))}
`,
  },
  {
    name: 'path: papermill runs the notebook a request names',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import papermill as pm
from fastapi import FastAPI

app = FastAPI()

@app.post("/run")
def run(notebook: str):
    pm.execute_notebook(os.path.join("/srv/notebooks", notebook), "/tmp/out.ipynb")  #!
    pm.execute_notebook("/srv/notebooks/daily.ipynb", "/tmp/daily.ipynb")
`,
  },
  {
    name: 'csrf safe: csrf_exempt on views that authenticate each request by a signature or a bearer token (a webhook, an LTI endpoint)',
    rule: 'python-csrf-disabled',
    vulnerable: false,
    code: `import hmac
import jwt
from django.http import JsonResponse, HttpResponse
from django.views.decorators.csrf import csrf_exempt

@csrf_exempt
def stripe_webhook(request):
    sig = request.META.get("HTTP_STRIPE_SIGNATURE", "")
    if not hmac.compare_digest(sig, expected(request.body)):
        return HttpResponse(status=400)
    return HttpResponse("ok")

@csrf_exempt
def api_results(request):
    claims = jwt.decode(bearer(request), KEY, algorithms=["HS256"])
    return JsonResponse({"by": claims["sub"]})

@csrf_exempt
def outcomes(request):
    valid, _ = endpoint.validate_request(request.build_absolute_uri(), request.method, headers={"Authorization": request.META.get("HTTP_AUTHORIZATION", "")})
    return HttpResponse("ok" if valid else "no", status=200 if valid else 401)
`,
  },
  {
    name: 'csrf: csrf_exempt on a view that acts for the session\'s user',
    rule: 'python-csrf-disabled',
    vulnerable: true,
    code: `from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

@csrf_exempt  #!
def change_email(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})
`,
  },
  {
    name: 'jwt safe: an id_token read unverified to find the platform\'s keys, then verified with them in the same block',
    rule: 'python-jwt-unverified',
    vulnerable: false,
    code: `import jwt

def launch(request):
    id_token = request.POST.get("id_token", "")
    unverified = jwt.decode(id_token, options={"verify_signature": False})
    platform = find_platform(unverified.get("iss"))
    key = jwks(platform).get_signing_key_from_jwt(id_token)
    claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience=platform["client_id"])
    return claims["sub"]
`,
  },
  {
    name: 'jwt: an unverified decode handed back, or verified only in another branch, verifies nothing',
    rule: 'python-jwt-unverified',
    vulnerable: true,
    code: `import jwt

def decode_api_token(raw):
    if jwt.get_unverified_header(raw).get("kid") == "partner":
        return jwt.decode(raw, options={"verify_signature": False})  #!
    return jwt.decode(raw, SECRET, algorithms=["HS256"])

def lenient(token):
    if token.startswith("p."):
        claims = jwt.decode(token, options={"verify_signature": False})  #!
        return claims
    else:
        return jwt.decode(token, SECRET, algorithms=["HS256"])
`,
  },
  {
    name: 'redirect safe: request data only after the `?` of a URL the request did not choose (a registered platform\'s login URL)',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `from urllib.parse import urlencode
from django.db import connection
from django.shortcuts import redirect

def registered_platform(issuer):
    with connection.cursor() as cursor:
        cursor.execute("SELECT auth_login_url FROM lti_platform WHERE issuer = %s", [issuer])
        row = cursor.fetchone()
    return {"auth_login_url": row[0]}

def oidc_login(request):
    platform = registered_platform(request.GET.get("iss"))
    query = urlencode({"login_hint": request.GET.get("login_hint", ""), "state": new_state()})
    return redirect(f"{platform['auth_login_url']}?{query}")
`,
  },
  {
    name: 'redirect: request data before the `?` picks where the redirect goes',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from django.shortcuts import redirect

def go(request):
    target = request.GET.get("to", "/")
    return redirect(f"{target}?ref={request.GET.get('ref', '')}")  #!
`,
  },
  {
    name: 'ssrf: a second request to a URL the first response (from a URL the client chose) names',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import requests
from flask import Flask, request

app = Flask(__name__)

@app.get("/register")
def register():
    config = requests.get(request.args["openid_configuration"], timeout=10).json()  #!
    r = requests.post(config["registration_endpoint"], json={}, timeout=10)  #!
    return r.text
`,
  },
  {
    name: 'ssrf safe: the response of a request to a fixed host names the next URL',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `import requests
from flask import Flask, request

app = Flask(__name__)

@app.get("/discover")
def discover():
    config = requests.get("https://id.example.com/.well-known/openid-configuration", params={"q": request.args["q"]}, timeout=10).json()
    return requests.get(config["jwks_uri"], timeout=10).text
`,
  },
  {
    name: 'xss: Dash Markdown with dangerously_allow_html, and an Iframe srcDoc, given text read from the database',
    rule: 'python-xss',
    vulnerable: true,
    code: `from dash import Dash, dcc, html, Input, Output
from sqlalchemy import create_engine, text

app = Dash(__name__)
engine = create_engine("postgresql://localhost/lims")

@app.callback(Output("notes", "children"), Input("run", "value"))
def show_notes(run_id):
    with engine.connect() as conn:
        row = conn.execute(text("SELECT title, notes FROM runs WHERE run_id = :r"), {"r": run_id}).first()
    notes = dcc.Markdown(row.notes or "", dangerously_allow_html=True)  #!
    plain = dcc.Markdown(row.notes or "")
    frame = html.Iframe(srcDoc=f"<h4>{row.title}</h4>")  #!
    fixed = dcc.Markdown("<b>Runs</b>", dangerously_allow_html=True)
    return html.Div([notes, plain, frame, fixed])
`,
  },
  {
    name: 'debug: a Dash app run with debug=True (run_server)',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `from dash import Dash

app = Dash(__name__)

if __name__ == "__main__":
    app.run_server(host="0.0.0.0", port=8050, debug=True)  #!
`,
  },
  {
    name: 'path: WeasyPrint writing its PDF to a path named by the request',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from flask import Flask, request
from weasyprint import HTML

app = Flask(__name__)

@app.post("/coa")
def coa():
    out = os.path.join("/srv/coa", request.form["lot"] + ".pdf")
    HTML(string="<h1>CoA</h1>").write_pdf(out)  #!
    HTML(string="<h1>CoA</h1>").write_pdf("/srv/coa/latest.pdf")
    return "ok"
`,
  },
  {
    name: 'nosql: values of a JSON body in a MongoDB filter (an object such as {"$ne": null} is an operator the driver obeys)',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient()["app"]

@app.post("/login")
def login():
    data = request.get_json()
    user = db.users.find_one({"username": data["username"], "password": data["password"]})  #!
    return {"ok": bool(user)}

@app.get("/search")
def search():
    return {"u": list(db.users.find(request.args.to_dict()))}  #!
`,
  },
  {
    name: 'nosql safe: filter values that can only be strings (query string, form, str(), isinstance(x, str), str-typed parameters and model fields)',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `from fastapi import FastAPI
from flask import Flask, request
from pydantic import BaseModel
from pymongo import MongoClient

app = Flask(__name__)
api = FastAPI()
db = MongoClient()["app"]

class Lookup(BaseModel):
    email: str
    tags: list[str] = []

@app.get("/by-email")
def by_email():
    return {"u": db.users.find_one({"email": request.args.get("email", "")})}

@app.post("/by-name")
def by_name():
    data = request.get_json()
    name = data.get("name")
    if not isinstance(name, str):
        return {"error": "bad"}, 400
    return {"u": db.users.find_one({"name": name, "email": str(data["email"])})}

@api.get("/slug/{slug}")
def by_slug(slug: str, status: str = "open"):
    return db.posts.find_one({"slug": slug, "status": status})

@api.post("/lookup")
def lookup(req: Lookup):
    return db.users.find_one({"email": req.email, "tags": {"$in": req.tags}})
`,
  },
  {
    name: 'nosql: a query-string field parsed as JSON may be an object again (json.loads)',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `import json
from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient()["app"]

@app.get("/a")
def a():
    return {"u": db.users.find_one({"user": json.loads(request.args["u"])})}  #!
`,
  },
  {
    name: 'sqli: InfluxQL text built from request data (influxdb InfluxDBClient.query, through a helper returning the client)',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from flask import Flask, request
from influxdb import InfluxDBClient

app = Flask(__name__)
_client = None

def _influx() -> InfluxDBClient:
    global _client
    if _client is None:
        _client = InfluxDBClient("localhost", 8086)
    return _client

@app.get("/last/<device_id>")
def last(device_id):
    field = request.args.get("field", "watts")
    q = f"SELECT last({field}) FROM power WHERE device = '{device_id}'"
    return {"p": list(_influx().query(q).get_points())}  #!
`,
  },
  {
    name: 'path: a file name a device sends on a serial line (pyserial readline)',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import serial

class Shell:
    def __init__(self, port):
        self.ser = serial.Serial(port, 115200)

    def serve(self):
        while True:
            line = self.ser.readline().decode(errors="replace").strip()
            if line.startswith("@get "):
                self._send(line[5:])

    def _send(self, name):
        with open(os.path.join("/srv/share", name), "rb") as fh:  #!
            self.ser.write(fh.read())
`,
  },
  {
    name: 'cookie: a token in a cookie of any name without secure',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `${flask}
@app.get("/kiosk/<code>")
def kiosk(code):
    row = load_kiosk(code)
    resp = make_response("ok")
    resp.set_cookie("hearth_kiosk", row["token"], httponly=True, max_age=86400)  #!
    resp.set_cookie("hearth_kiosk2", row["token"], httponly=True, secure=True)
    resp.set_cookie("theme", row["theme"])
    return resp
`,
  },
  {
    name: 'ssrf safe: a check function of the file with a loop that only refuses (DNS answers), and its own class method named fetch',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `import ipaddress
import socket
from urllib.parse import urlparse
import requests
from flask import Flask, request

app = Flask(__name__)
ALLOWED = {"hooks.example.com"}

def is_public_url(url: str, allowed_hosts) -> bool:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in allowed_hosts:
        return False
    try:
        infos = socket.getaddrinfo(parsed.hostname, 443)
    except socket.gaierror:
        return False
    for info in infos:
        if ipaddress.ip_address(info[4][0]).is_private:
            return False
    return True

@app.post("/hook")
def hook():
    url = request.json["url"]
    if not is_public_url(url, ALLOWED):
        return "no", 400
    return {"s": requests.post(url, json={}, allow_redirects=False).status_code}
`,
  },
  {
    name: 'ssrf: a check function whose loop rebinds the URL it checked is no check',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `from urllib.parse import urlparse
import requests
from flask import Flask, request

app = Flask(__name__)

def is_ok(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.hostname != "hooks.example.com":
        return False
    for url in ["https://a", "https://b"]:
        if not url:
            return False
    return True

@app.post("/hook")
def hook():
    url = request.json["url"]
    if not is_ok(url):
        return "no", 400
    return {"s": requests.post(url).status_code}  #!
`,
  },
  {
    name: "sqli safe: a class of the file's own fetch method (typed parameter) is not asyncpg's conn.fetch(sql)",
    rule: 'python-sql-injection',
    vulnerable: false,
    code: `import requests
from flask import Flask, request

app = Flask(__name__)

class Hub:
    def fetch(self, url: str) -> bytes:
        return requests.get(url, timeout=10).content

def use(hub: Hub, url):
    return hub.fetch(url)

@app.post("/x")
def x():
    return use(Hub(), request.json["url"])
`,
  },
  {
    name: 'archive: a member list filtered only by m.isfile() checks no name',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `import tarfile

def extract_bundle(archive_path, dest):
    with tarfile.open(archive_path, "r:*") as tf:
        members = [m for m in tf.getmembers() if m.isfile()]
        tf.extractall(dest, members=members)  #!
`,
  },
  {
    name: 'archive safe: a member list whose condition checks each name',
    rule: 'python-archive-extraction',
    vulnerable: false,
    code: `import tarfile

def extract_bundle(archive_path, dest):
    with tarfile.open(archive_path, "r:*") as tf:
        members = [m for m in tf.getmembers() if m.isfile() and not m.name.startswith("/") and ".." not in m.name]
        tf.extractall(dest, members=members)
`,
  },
  {
    name: 'random safe: a human-readable reference printed on a statement (payout reference)',
    rule: 'python-insecure-random',
    vulnerable: false,
    code: `import random
import string

def generate_payout_reference() -> str:
    return "PO-" + "".join(random.choices(string.ascii_uppercase + string.digits, k=10))
`,
  },
  {
    name: 'xss: the body of an e-mail parsed from its raw bytes, marked safe',
    rule: 'python-xss',
    vulnerable: true,
    code: `${flask}import email
from email import policy
from markupsafe import Markup

@app.get("/messages/<int:msg_id>")
def show(msg_id):
    raw = load_raw(msg_id)
    msg = email.message_from_bytes(raw, policy=policy.default)
    body = msg.get_body(preferencelist=("html", "plain")).get_content()
    return render_template_string("<article>{{ body }}</article>", body=Markup(body))  #!
`,
  },
  {
    name: 'path: file names an FTP server lists, joined to a local folder',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import ftplib
import os

def pull(host, local_dir):
    with ftplib.FTP(host) as ftp:
        ftp.login()
        for name in ftp.nlst():
            with open(os.path.join(local_dir, name), "wb") as fh:  #!
                ftp.retrbinary(f"RETR {name}", fh.write)
`,
  },
  {
    name: 'deserialization safe: bytes decrypted and authenticated on the way in (unseal, decrypt_and_verify)',
    rule: 'python-unsafe-deserialization',
    vulnerable: false,
    code: `import pickle
from Crypto.Cipher import AES
from ops import security, vault

def read_manifest(blob):
    return pickle.loads(security.unseal(vault.backup_key(), blob))

def read_state(key, nonce, ct, tag):
    return pickle.loads(AES.new(key, AES.MODE_GCM, nonce=nonce).decrypt_and_verify(ct, tag))
`,
  },
  {
    name: 'deserialization: bytes only decrypted (no authentication) are still unpickled',
    rule: 'python-unsafe-deserialization',
    vulnerable: true,
    code: `import pickle
from ops import security

def read_manifest(key, blob):
    return pickle.loads(security.decrypt(key, blob))  #!
`,
  },
  {
    name: 'nosql safe: a request id wrapped in ObjectId() in a filter',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `from bson import ObjectId
from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
events = MongoClient()["hooks"]["events"]

@app.get("/events/<event_id>")
def get_event(event_id):
    return events.find_one({"_id": ObjectId(request.args["id"])}) or {}
`,
  },
  {
    name: 'redirect safe: the request query appended after a `?` to a path of the site (concatenation)',
    rule: 'python-open-redirect',
    vulnerable: false,
    code: `from django.shortcuts import redirect
from django.urls import reverse

def submitted(request):
    return redirect(reverse("submitted") + "?" + request.GET.urlencode())
`,
  },
  {
    name: 'redirect: a target the request chose, with its query appended after a `?`',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from django.shortcuts import redirect

def go(request):
    return redirect(request.GET["next"] + "?" + request.GET.urlencode())  #!
`,
  },
  {
    name: 'path: a remote file name an SFTP server lists, written locally by sftp.get',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import paramiko

def fetch(host, inbox):
    client = paramiko.SSHClient()
    client.connect(host)
    sftp = client.open_sftp()
    for entry in sftp.listdir_attr("/outbox"):
        sftp.get(f"/outbox/{entry.filename}", os.path.join(inbox, entry.filename))  #!
`,
  },
  {
    name: 'csrf safe: csrf_exempt over a SAML assertion consumer that processes (verifies) the response',
    rule: 'python-csrf-disabled',
    vulnerable: false,
    code: `from django.views.decorators.csrf import csrf_exempt
from django.http import HttpResponseRedirect
from onelogin.saml2.auth import OneLogin_Saml2_Auth

@csrf_exempt
def acs(request):
    auth = OneLogin_Saml2_Auth(prepare(request), saml_settings())
    auth.process_response()
    if auth.get_errors() or not auth.is_authenticated():
        return HttpResponseRedirect("/login/")
    return HttpResponseRedirect("/cases/")
`,
  },
  {
    name: 'credential: a SOAP UsernameToken password (zeep) and a libpq DSN with password= written in',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `from zeep import Client
from zeep.wsse.username import UsernameToken

OPS_DB_DSN = "host=db.internal dbname=logistics user=ops_admin password=0ps!Adm1n#22"  #!

def carrier(wsdl):
    return Client(wsdl, wsse=UsernameToken("ncapi", "Nc#Api2020!prod"))  #!
`,
  },
  {
    name: 'credential safe: a UsernameToken and a DSN whose passwords come from the environment',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os
from zeep import Client
from zeep.wsse.username import UsernameToken

OPS_DB_DSN = f"host=db.internal dbname=logistics user=ops password={os.environ['OPS_DB_PASSWORD']}"

def carrier(wsdl):
    return Client(wsdl, wsse=UsernameToken(os.environ["CARRIER_USER"], os.environ["CARRIER_PASSWORD"]))
`,
  },
  {
    name: 'path: an MQTT topic segment (paho on_message assigned as an attribute) names a log file',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import paho.mqtt.client as mqtt

LOG_ROOT = "/var/log/devices"

def append_log(device_id, line):
    with open(os.path.join(LOG_ROOT, device_id + ".log"), "a") as fh:  #!
        fh.write(line)

def on_message(client, userdata, msg):
    parts = msg.topic.split("/")
    append_log(parts[2], msg.payload.decode())

client = mqtt.Client()
client.on_message = on_message
`,
  },
  {
    name: 'code: an MQTT payload evaluated in a callback added with message_callback_add',
    rule: 'python-code-injection',
    vulnerable: true,
    code: `import paho.mqtt.client as mqtt

def on_formula(client, userdata, msg):
    return eval(msg.payload.decode())  #!

client = mqtt.Client()
client.message_callback_add("meters/+/formula", on_formula)
`,
  },
  {
    name: 'path safe: an attribute called on_message in a file that imports no MQTT client',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `import os

class Recorder:
    def write(self, name):
        with open(os.path.join("/srv/rec", name), "a") as fh:
            fh.write("x")

def on_message(name):
    Recorder().write(name)

class Hub:
    pass

hub = Hub()
hub.on_message = on_message
`,
  },
  {
    name: 'credential: an MQTT client password (paho username_pw_set) and a RabbitMQ PlainCredentials written in',
    rule: 'python-hardcoded-credential',
    vulnerable: true,
    code: `import paho.mqtt.client as mqtt
import pika

def legacy_client():
    client = mqtt.Client(client_id="bridge")
    client.username_pw_set("monitor-bridge", "m0nitor-bridge-2019")  #!
    return client

def channel():
    creds = pika.PlainCredentials("feeds", "F33ds!rabbit2023")  #!
    return pika.BlockingConnection(pika.ConnectionParameters("mq", credentials=creds)).channel()
`,
  },
  {
    name: 'credential safe: MQTT and RabbitMQ passwords read from the environment',
    rule: 'python-hardcoded-credential',
    vulnerable: false,
    code: `import os
import paho.mqtt.client as mqtt
import pika

def legacy_client():
    client = mqtt.Client(client_id="bridge")
    client.username_pw_set(os.environ["MQTT_USER"], os.environ["MQTT_PASSWORD"])
    return client

def creds():
    return pika.PlainCredentials(os.environ["MQ_USER"], os.getenv("MQ_PASSWORD"))
`,
  },
  {
    name: "cookie: a cookie named for the customer it identifies, set without secure or httponly",
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `from flask import Flask, redirect, session

app = Flask(__name__)

@app.post("/login")
def login():
    response = redirect("/")
    response.set_cookie("portal_owner", str(session["owner_id"]), max_age=30 * 86400)  #!
    return response
`,
  },
  {
    name: 'tempfile: a workbook and a frame saved under a guessable name in /tmp',
    rule: 'python-insecure-tempfile',
    vulnerable: true,
    code: `import openpyxl
import pandas as pd

def export(clinic_code, rows):
    wb = openpyxl.Workbook()
    staging = f"/tmp/invoices_{clinic_code}.xlsx"
    wb.save(staging)  #!
    pd.DataFrame(rows).to_csv("/tmp/debtors.csv")  #!
    return staging
`,
  },
  {
    name: 'tempfile safe: a workbook saved in a folder made by tempfile.mkdtemp',
    rule: 'python-insecure-tempfile',
    vulnerable: false,
    code: `import os
import tempfile
import openpyxl

def export(clinic_code):
    wb = openpyxl.Workbook()
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, f"invoices_{clinic_code}.xlsx")
    wb.save(path)
    return path
`,
  },
  {
    name: 'code: compile() then exec() of request data is reported where it runs, once',
    rule: 'python-code-injection',
    vulnerable: true,
    code: `from flask import Flask, request

app = Flask(__name__)

def apply_rule(rows, rule_source):
    compiled = compile(rule_source, "<rule>", "exec")
    for row in rows:
        exec(compiled, {"__builtins__": {}}, {"row": row})  #!
    return rows

@app.post("/rules")
def rules():
    return {"rows": apply_rule([1, 2], request.form["rule"])}
`,
  },
  {
    name: 'template injection: a module function compiles the template text it is handed (Environment().from_string(source))',
    rule: 'python-xss',
    vulnerable: true,
    code: `from jinja2 import Environment

def render_show_footer(footer_source, **context):
    return Environment().from_string(footer_source).render(**context)  #!
`,
  },
  {
    name: 'template injection safe: a sandboxed environment compiles the text it is handed',
    rule: 'python-xss',
    vulnerable: false,
    code: `from jinja2.sandbox import SandboxedEnvironment

_sandbox = SandboxedEnvironment(autoescape=True)

def render_show_footer(footer_source, **context):
    return _sandbox.from_string(footer_source).render(**context)
`,
  },
  {
    name: 'tls: a MongoDB client told to accept any certificate or host name (tlsAllowInvalidCertificates=True)',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `from pymongo import MongoClient

archive = MongoClient("mongodb://archive:27017", tls=True, tlsAllowInvalidCertificates=True)  #!
legacy = MongoClient("mongodb://legacy:27017", tls=True, tlsAllowInvalidHostnames=True)  #!
`,
  },
  {
    name: 'tls safe: a MongoDB client with TLS and a CA file',
    rule: 'python-tls-verification-disabled',
    vulnerable: false,
    code: `from pymongo import MongoClient

client = MongoClient("mongodb://db:27017", tls=True, tlsCAFile="/etc/ssl/mongo-ca.pem", tlsAllowInvalidCertificates=False)
`,
  },
  {
    name: 'path: a shelf opened at a path named by a message field',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
import shelve
from flask import Flask, request

app = Flask(__name__)
STATE_DIR = "/var/lib/sensors"

@app.post("/seen")
def seen():
    node_id = request.json["node_id"]
    with shelve.open(os.path.join(STATE_DIR, str(node_id))) as state:  #!
        state["seen"] = True
    return {"ok": True}
`,
  },
  {
    name: 'archive safe: tar members filtered by a containment check named so (_member_is_contained)',
    rule: 'python-archive-extraction',
    vulnerable: false,
    code: `import os
import tarfile

def _member_is_contained(dest, member):
    target = os.path.realpath(os.path.join(dest, member.name))
    return target.startswith(os.path.realpath(dest) + os.sep) and not (member.issym() or member.islnk())

def safe_extract(archive_path, dest):
    with tarfile.open(archive_path, "r:*") as tar:
        members = [m for m in tar.getmembers() if _member_is_contained(dest, m)]
        tar.extractall(dest, members=members)
`,
  },
  {
    name: 'code: a query string from a task message evaluated by a frame a helper returned (df.query)',
    rule: 'python-code-injection',
    vulnerable: true,
    code: `import pandas as pd
from celery import shared_task

def load_frame(farm_id):
    return enrich(pd.read_sql("SELECT * FROM harvest WHERE farm_id = %(f)s", ENGINE, params={"f": farm_id}))

@shared_task
def report(farm_id, options):
    df = load_frame(farm_id)
    if options.get("filter"):
        df = df.query(options["filter"])  #!
    return df.to_dict()
`,
  },
  {
    name: 'password hash: an unlock PIN hashed with a fast hash',
    rule: 'python-weak-password-hash',
    vulnerable: true,
    code: `import hashlib

def set_proctor_pin(exam_id, pin):
    pin_hash = hashlib.sha256(pin.encode()).hexdigest()  #!
    return exam_id, pin_hash
`,
  },
  {
    name: 'nosql safe: query values intersected with a constant set of event types',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `from motor.motor_asyncio import AsyncIOMotorClient
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

EVENT_TYPES = {"focus", "blur", "paste", "tab"}
db = AsyncIOMotorClient("mongodb://db")["proctor"]


async def session_events(request):
    requested = set(request.query_params.get("types", "").split(",")) & EVENT_TYPES
    query = {"session_id": str(request.path_params["session_id"])}
    if requested:
        query["type"] = {"$in": sorted(requested)}
    cursor = db.events.find(query, {"_id": 0})
    return JSONResponse([e async for e in cursor])


app = Starlette(routes=[Route("/sessions/{session_id}/events", session_events)])
`,
  },
  {
    name: 'nosql: query values split from the request without an intersection',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `from motor.motor_asyncio import AsyncIOMotorClient
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

db = AsyncIOMotorClient("mongodb://db")["proctor"]


async def session_events(request):
    requested = set(request.query_params.get("types", "").split(","))
    query = {"session_id": str(request.path_params["session_id"])}
    if requested:
        query["type"] = {"$in": sorted(requested)}
    cursor = db.events.find(query, {"_id": 0})  #!
    return JSONResponse([e async for e in cursor])


app = Starlette(routes=[Route("/sessions/{session_id}/events", session_events)])
`,
  },
  {
    name: 'sqli: a text() statement built from a parameter and run further down is reported where it runs, once',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from flask import Flask, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("postgresql://db/claims")

@app.post("/claims/<int:claim_id>/status")
def update_status(claim_id):
    status = request.form["status"]
    stmt = text(
        "UPDATE claims SET status = '" + status + "' WHERE id = :id"
    )
    with engine.begin() as conn:
        conn.execute(stmt, {"id": claim_id})  #!
    return {"ok": True}
`,
  },
  {
    name: 'sqli: a text() statement built from request data and returned for a caller to run is reported where it is built',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from flask import request
from sqlalchemy import text

def status_filter():
    stmt = text("SELECT id FROM claims WHERE status = '" + request.args["status"] + "'")  #!
    return stmt
`,
  },
  {
    name: 'password hash: a password read by its form key hashed with a fast hash',
    rule: 'python-weak-password-hash',
    vulnerable: true,
    code: `import hashlib
from flask import Flask, request

app = Flask(__name__)

@app.post("/invites/<code>")
def accept_invite(code):
    digest = hashlib.sha256(request.form["password"].encode()).hexdigest()  #!
    return {"code": code, "digest": digest[:4]}
`,
  },
  {
    name: 'debug: a production config class whose DEBUG defaults to on when the variable is unset',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `import os

class DevelopmentConfig:
    DEBUG = os.getenv("PORTAL_DEBUG", "true").lower() in ("1", "true")

class ProductionConfig:
    DEBUG = os.getenv("PORTAL_DEBUG", "true").lower() in ("1", "true", "yes")  #!
    TESTING = os.getenv("PORTAL_TESTING", "false") == "true"
`,
  },
  {
    name: 'path safe: a repository saving a model instance built from the form (repo.save(user))',
    rule: 'python-path-traversal',
    vulnerable: false,
    code: `from fastapi import APIRouter
from pydantic import BaseModel
from claims_api.models import User
from claims_api.repository import UserRepository

router = APIRouter()

class RegisterForm(BaseModel):
    email: str
    full_name: str

@router.post("/register")
def register(form: RegisterForm, session=None):
    user = User(email=form.email, full_name=form.full_name)
    UserRepository(session).save(user)
    return {"id": user.id}
`,
  },
  {
    name: 'sqli: a text() statement whose later execute is only a comment is reported where it is built',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from flask import Flask, request
from sqlalchemy import text

app = Flask(__name__)

@app.get("/f")
def status_filter():
    stmt = text("SELECT id FROM claims WHERE status = '" + request.args["status"] + "'")  #!
    # later: conn.execute(stmt)
    return str(stmt)
`,
  },
  {
    name: 'sqli: a text() statement whose later execute is only named in a string is reported where it is built',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from flask import Flask, request
from sqlalchemy import text

app = Flask(__name__)

@app.get("/f")
def status_filter():
    stmt = text("SELECT id FROM claims WHERE status = '" + request.args["status"] + "'")  #!
    hint = "run it with conn.execute(stmt)"
    return {"sql": str(stmt), "hint": hint}
`,
  },
  {
    name: 'xxe: a parser made in the function is reported where the function parses with it',
    rule: 'python-xxe-parser',
    vulnerable: true,
    code: `from lxml import etree

def parse_settlement_report(xml_bytes):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(xml_bytes, parser=parser)  #!
    return [item.findtext("Reference") for item in root.iter("Item")]
`,
  },
  {
    name: 'xxe: a parser made in the function and handed positionally to etree.parse',
    rule: 'python-xxe-parser',
    vulnerable: true,
    code: `from lxml import etree

def load_feed(path):
    parser = etree.XMLParser(no_network=False)
    tree = etree.parse(path, parser)  #!
    return tree.getroot()
`,
  },
  {
    name: 'xxe: a module-level parser is reported where it is made',
    rule: 'python-xxe-parser',
    vulnerable: true,
    code: `from lxml import etree

KML_PARSER = etree.XMLParser(resolve_entities=True)  #!

def load_kml(data):
    return etree.fromstring(data, KML_PARSER)
`,
  },
  {
    name: 'xxe: a parser a function makes and returns is reported where it is made',
    rule: 'python-xxe-parser',
    vulnerable: true,
    code: `from lxml import etree

def make_parser():
    parser = etree.XMLParser(resolve_entities=True, huge_tree=True)  #!
    return parser
`,
  },
  {
    name: 'debug: Tornado settings written in a module-level dict handed to Application as **settings',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `import os
import tornado.web

APP_SETTINGS = {
    "cookie_secret": os.environ.get("QUEUE_COOKIE_SECRET"),
    "login_url": "/staff/login",
    "debug": True,  #!
}


def make_app():
    return tornado.web.Application(
        [(r"/", object)],
        **APP_SETTINGS,
    )
`,
  },
  {
    name: 'debug safe: Tornado settings dict with debug read from the environment',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `import os
import tornado.web

APP_SETTINGS = {
    "login_url": "/staff/login",
    "debug": os.environ.get("QUEUE_DEBUG") == "1",
}


def make_app():
    return tornado.web.Application(
        [(r"/", object)],
        **APP_SETTINGS,
    )
`,
  },
  {
    name: 'path: an upload saved under its own name, reported once at the save (later uses of the same path are the same flaw)',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from flask import Flask, request

app = Flask(__name__)
UPLOADS = "/srv/uploads"


def _checksum(path):
    with open(path, "rb") as fh:
        return hash(fh.read())


@app.post("/scan")
def upload_scan():
    scan = request.files["scan"]
    dest = os.path.join(UPLOADS, scan.filename)
    scan.save(dest)  #!
    digest = _checksum(dest)
    with open(dest, "rb") as fh:
        head = fh.read(16)
    os.remove(dest)
    return {"digest": digest, "head": head.hex()}
`,
  },
  {
    name: 'path: a path reported in one branch is still reported in the other',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from flask import Flask, request

app = Flask(__name__)


@app.get("/file")
def get_file():
    path = os.path.join("/srv/files", request.args["name"])
    if request.args.get("delete"):
        os.remove(path)  #!
        return {"ok": True}
    with open(path) as fh:  #!
        return fh.read()
`,
  },
  {
    name: 'password hash: pbkdf2 with an iteration count from a module constant below the bar',
    rule: 'python-weak-password-hash',
    vulnerable: true,
    code: `import hashlib
import os

_LEGACY_ITERATIONS = 1000


def hash_portal_password(password, salt=None):
    salt = salt or os.urandom(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, _LEGACY_ITERATIONS)  #!
    return salt.hex() + digest.hex()
`,
  },
  {
    name: 'password hash safe: pbkdf2 with an iteration count from a module constant above the bar',
    rule: 'python-weak-password-hash',
    vulnerable: false,
    code: `import hashlib
import os

ITERATIONS = 600_000


def hash_portal_password(password, salt=None):
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)
    return salt.hex() + digest.hex()
`,
  },
  {
    name: 'nosql: a Kafka command message field used as a Mongo query value',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `import json
from kafka import KafkaConsumer
from pymongo import MongoClient

db = MongoClient()["fleet"]


def run():
    consumer = KafkaConsumer("commands", bootstrap_servers="kafka:9092")
    for message in consumer:
        cmd = json.loads(message.value)
        aircraft = db.aircraft.find_one({"registration": cmd.get("registration")})  #!
        print(aircraft)
`,
  },
  {
    name: 'cmd: a record polled from a Kafka consumer in a shell command',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import json
import subprocess
from kafka import KafkaConsumer


def run():
    consumer = KafkaConsumer("commands")
    while True:
        for tp, records in consumer.poll(timeout_ms=1000).items():
            for record in records:
                cmd = json.loads(record.value)
                subprocess.run(f"fdr-decode --tail {cmd['tail']}", shell=True)  #!
`,
  },
  {
    name: 'ssrf: a link a Quart websocket client sent fetched for a preview',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import json
import httpx
from quart import Quart, websocket

app = Quart(__name__)


async def _link_preview(url):
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.get(url)  #!
    return resp.text[:200]


@app.websocket("/chat")
async def chat():
    while True:
        data = json.loads(await websocket.receive())
        await websocket.send(await _link_preview(data["link"]))
`,
  },
  {
    name: 'cmd: text a FastAPI websocket client sent in a shell command',
    rule: 'python-command-injection',
    vulnerable: true,
    code: `import subprocess
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def ws(websocket: WebSocket):
    await websocket.accept()
    while True:
        host = await websocket.receive_text()
        subprocess.run("ping -c1 " + host, shell=True)  #!
`,
  },
  {
    name: 'nosql: a JSON filter merged into a query on a collection of a mongo_db() helper',
    rule: 'python-nosql-injection',
    vulnerable: true,
    code: `from quart import Quart, jsonify, request
from app.db import mongo_db

app = Quart(__name__)


@app.post("/chat/<room>/search")
async def search_messages(room):
    body = await request.get_json()
    criteria = {"room": str(room)}
    criteria.update(body.get("filter", {}))
    docs = mongo_db().messages.find(criteria, {"_id": 0})  #!
    return jsonify(list(docs))
`,
  },
  {
    name: 'debug: a production config whose DEBUG is a project env helper defaulting to True',
    rule: 'python-debug-enabled',
    vulnerable: true,
    code: `from app.settings_util import env_bool


class BaseConfig:
    DEBUG = False


class ProductionConfig(BaseConfig):
    DEBUG = env_bool("RXBRIDGE_DEBUG", default=True)  #!
`,
  },
  {
    name: 'debug safe: a production config whose DEBUG is a project env helper defaulting to False',
    rule: 'python-debug-enabled',
    vulnerable: false,
    code: `from app.settings_util import env_bool


class ProductionConfig:
    DEBUG = env_bool("RXBRIDGE_DEBUG", default=False)
`,
  },
  {
    name: 'ldap: an ldap3 search on a connection another module made, filter text built from the query string',
    rule: 'python-ldap-injection',
    vulnerable: true,
    code: `from flask import Blueprint, jsonify, request
from ldap3 import SUBTREE
from app.auth import ldap_connection

bp = Blueprint("admin", __name__)


@bp.get("/ldap/members")
def group_members():
    group = request.args.get("group", "pharmacists")
    conn = ldap_connection()
    conn.search("ou=groups,dc=rx,dc=example", "(&(objectClass=groupOfNames)(cn=" + group + "))", search_scope=SUBTREE)  #!
    return jsonify([str(e.entry_dn) for e in conn.entries])
`,
  },
  {
    name: 'ldap safe: an ldap3 search on another module\'s connection with an escaped value',
    rule: 'python-ldap-injection',
    vulnerable: false,
    code: `from flask import Blueprint, jsonify, request
from ldap3 import SUBTREE
from ldap3.utils.conv import escape_filter_chars
from app.auth import ldap_connection

bp = Blueprint("admin", __name__)


@bp.get("/ldap/members")
def group_members():
    group = escape_filter_chars(request.args.get("group", "pharmacists"))
    conn = ldap_connection()
    conn.search("ou=groups,dc=rx,dc=example", "(&(objectClass=groupOfNames)(cn=" + group + "))", search_scope=SUBTREE)
    return jsonify([str(e.entry_dn) for e in conn.entries])
`,
  },
  {
    name: 'archive safe: members listed into a variable, each checked in a loop that raises, then extracted',
    rule: 'python-archive-extraction',
    vulnerable: false,
    code: `import os
import tarfile
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_archive():
    dest = os.path.realpath("/srv/imports")
    upload = request.files["archive"]
    with tarfile.open(fileobj=upload.stream, mode="r:*") as tar:
        members = tar.getmembers()
        for member in members:
            target = os.path.realpath(os.path.join(dest, member.name))
            if os.path.commonpath([dest, target]) != dest or member.issym() or member.islnk():
                raise ValueError(member.name)
        tar.extractall(dest, members=members)
    return {"ok": True}
`,
  },
  {
    name: 'archive: members listed into a variable, a loop that only skips bad ones, then all extracted',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `import os
import tarfile
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_archive():
    dest = os.path.realpath("/srv/imports")
    upload = request.files["archive"]
    with tarfile.open(fileobj=upload.stream, mode="r:*") as tar:
        members = tar.getmembers()
        for member in members:
            target = os.path.realpath(os.path.join(dest, member.name))
            if os.path.commonpath([dest, target]) != dest:
                continue
        tar.extractall(dest)  #!
    return {"ok": True}
`,
  },
  {
    name: 'sqli: text() built inline as the first argument of a multi-line execute is reported on the execute line',
    rule: 'python-sql-injection',
    vulnerable: true,
    code: `from fastapi import FastAPI
from sqlalchemy import text

app = FastAPI()


@app.post("/campaigns/status")
async def bulk_update_status(ids: list[str], status: str, session=None):
    id_list = ",".join(ids)
    result = await session.execute(  #!
        text(f"UPDATE campaigns SET status = :status WHERE id IN ({id_list})"),
        {"status": status},
    )
    return {"updated": result.rowcount}
`,
  },
  {
    name: 'cookie: a remember-device cookie set without secure',
    rule: 'python-cookie-flags',
    vulnerable: true,
    code: `import secrets
from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/devices/remember")
async def remember_device(response: Response):
    device_id = secrets.token_urlsafe(24)
    response.set_cookie("adp_device", device_id, max_age=90 * 24 * 3600)  #!
    return {"device": device_id}
`,
  },
  {
    name: 'ssrf: a URL from the query fetched with the client kept in an aiohttp app registry',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `from aiohttp import web


async def creative_probe(request: web.Request) -> web.Response:
    url = request.query["url"]
    async with request.app["http"].get(url, allow_redirects=True) as resp:  #!
        return web.json_response({"status": resp.status})
`,
  },
  {
    name: 'redirect: a get() on the query string is no request: its value stays the client\'s',
    rule: 'python-open-redirect',
    vulnerable: true,
    code: `from aiohttp import web


async def click(request: web.Request) -> web.Response:
    target = request.query.get("next", "/")
    raise web.HTTPFound(target)  #!
`,
  },
  {
    name: 'random: a session key from random.getrandbits stored under a mapping key that names it',
    rule: 'python-insecure-random',
    vulnerable: true,
    code: `import random


def spawner_env(base):
    env = dict(base)
    env["RC_SESSION_KEY"] = "%032x" % random.getrandbits(128)  #!
    env["RC_COLOUR_SEED"] = str(random.getrandbits(8))
    return env
`,
  },
  {
    name: 'path: a first use allowed inline does not silence a later use of the same path (an allow for a read is no allow for a delete)',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from flask import Flask, request

app = Flask(__name__)


@app.post("/scratch")
def scratch():
    dest = os.path.join("/srv/scratch", request.args["name"])
    open(dest, "rb").close()  # mso:allow read-only probe inside the sandbox
    os.remove(dest)  #!
    return "ok"
`,
  },
  {
    name: 'path: a first use with nosec does not silence a later use of the same path',
    rule: 'python-path-traversal',
    vulnerable: true,
    code: `import os
from flask import Flask, request

app = Flask(__name__)


@app.post("/scratch")
def scratch():
    dest = os.path.join("/srv/scratch", request.args["name"])
    with open(dest, "rb") as probe:  # nosec
        head = probe.read(4)
    with open(dest, "w") as fh:  #!
        fh.write("")
    return head.hex()
`,
  },
  {
    name: 'ssrf: a URL in a job a worker pops from a Redis list (whoever enqueued it chose it)',
    rule: 'python-ssrf',
    vulnerable: true,
    code: `import json

import httpx
import redis

r = redis.Redis.from_url("redis://queue:6379/0", decode_responses=True)


def fetch_feed(job):
    return httpx.get(job["feed_url"], timeout=10).text  #!


def main():
    while True:
        item = r.brpop("feeds", timeout=5)
        if item:
            fetch_feed(json.loads(item[1]))
`,
  },
  {
    name: 'nosql: an id from a Redis queue job looked up by _id is the worker\'s own bookkeeping (queue jobs are no NoSQL source)',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `import json

import redis
from pymongo import MongoClient

jobs = MongoClient("mongodb://db")["media"]["jobs"]
r = redis.Redis(host="queue")


def run():
    item = r.blpop("jobs", timeout=30)
    job_id = json.loads(item[1])["job_id"]
    return jobs.find_one({"_id": job_id})
`,
  },
  {
    name: 'tls: paho-mqtt told not to check the broker host name (tls_insecure_set(True))',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `import ssl

import paho.mqtt.client as mqtt


def connect(host):
    client = mqtt.Client(client_id="ingester")
    client.tls_set(cert_reqs=ssl.CERT_REQUIRED)
    client.tls_insecure_set(True)  #!
    client.connect(host, 8883)
    return client
`,
  },
  {
    name: 'tls: paho-mqtt with host name checking left on (tls_insecure_set(False))',
    rule: 'python-tls-verification-disabled',
    vulnerable: false,
    code: `import ssl

import paho.mqtt.client as mqtt


def connect(host):
    client = mqtt.Client(client_id="ingester")
    client.tls_set(cert_reqs=ssl.CERT_REQUIRED)
    client.tls_insecure_set(False)
    client.connect(host, 8883)
    return client
`,
  },
  {
    name: 'tls: a settings class that turns verification off where it is written (VERIFY_TLS = False)',
    rule: 'python-tls-verification-disabled',
    vulnerable: true,
    code: `import os

import requests


class Settings:
    PARTNER_URL = os.environ.get("PARTNER_URL", "https://partner.example.com")
    VERIFY_TLS = False  #!


settings = Settings()


def score(features):
    return requests.post(f"{settings.PARTNER_URL}/score", json=features, verify=settings.VERIFY_TLS).json()
`,
  },
  {
    name: 'tls: a settings class that keeps verification on (VERIFY_TLS = True)',
    rule: 'python-tls-verification-disabled',
    vulnerable: false,
    code: `class Settings:
    VERIFY_TLS = True
    VERIFY_SSL = "/etc/ssl/certs/partner-ca.pem"
`,
  },
  {
    name: 'random: an OIDC state value from random.getrandbits (the state is the login flow\'s CSRF token)',
    rule: 'python-insecure-random',
    vulnerable: true,
    code: `import random


def new_oidc_state():
    return "%016x" % random.getrandbits(64)  #!
`,
  },
  {
    name: 'random: a model\'s random_state seed is no login state',
    rule: 'python-insecure-random',
    vulnerable: false,
    code: `import random


def split(rows):
    random_state = random.randint(0, 10_000)
    return rows, random_state
`,
  },
  {
    name: 'csrf: a SAML assertion consumer exempt from CSRF (the IdP posts SAMLResponse cross-site by design)',
    rule: 'python-csrf-disabled',
    vulnerable: false,
    code: `import base64

from django.http import HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt

from .saml import consume


@csrf_exempt
def saml_acs(request):
    raw = base64.b64decode(request.POST["SAMLResponse"])
    consume(request, raw)
    return HttpResponseRedirect("/")
`,
  },
  {
    name: 'csrf: a form view exempt from CSRF that only mentions SAML in a comment is still reported',
    rule: 'python-csrf-disabled',
    vulnerable: true,
    code: `from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  #!
def update_email(request):
    # not the SAML endpoint
    request.user.email = request.POST["email"]
    request.user.save()
    return HttpResponse("ok")
`,
  },
  {
    name: 'path: tar members filtered by their extension only, then extracted (a name ending in .jpg can still climb)',
    rule: 'python-archive-extraction',
    vulnerable: true,
    code: `import os
import tarfile

IMAGE_EXTENSIONS = {".jpg", ".png"}


def import_gallery(fileobj, dest):
    with tarfile.open(fileobj=fileobj, mode="r:*") as tar:
        members = [m for m in tar.getmembers() if os.path.splitext(m.name)[1].lower() in IMAGE_EXTENSIONS]
        tar.extractall(dest, members=members)  #!
`,
  },
  {
    name: 'cors: multi-line CORS middleware reported on the call line (several settings make the flaw together)',
    rule: 'python-cors-any-origin',
    vulnerable: true,
    code: `from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(  #!
    CORSMiddleware,
    allow_origin_regex=r"https?://.*",
    allow_credentials=True,
    allow_methods=["GET", "POST"],
)
`,
  },
  {
    name: 'regex: a pattern from an aiohttp websocket message (async for msg in ws) compiled',
    rule: 'python-regex-injection',
    vulnerable: true,
    code: `import json
import re

import aiohttp
from aiohttp import web


async def ws_handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == aiohttp.WSMsgType.TEXT:
            data = json.loads(msg.data)
            matcher = re.compile(data["pattern"])  #!
            await ws.send_json({"ok": bool(matcher.match("101"))})
    return ws
`,
  },
  {
    name: 'nosql: an escaped term under $regex in a Mongo filter from a websocket message (a string, no operator object)',
    rule: 'python-nosql-injection',
    vulnerable: false,
    code: `import json
import re

from aiohttp import web


async def ws_handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        data = json.loads(msg.data)
        needle = re.escape(data.get("text", ""))
        cursor = request.app["mongo"].lost_items.find({"description": {"$regex": needle, "$options": "i"}})
        await ws.send_json({"items": [str(d["_id"]) async for d in cursor]})
    return ws
`,
  },
  {
    name: 'ssrf: a table of logged-in sessions in the aiohttp app registry is no HTTP client (app["sessions"].get(cookie))',
    rule: 'python-ssrf',
    vulnerable: false,
    code: `from aiohttp import web


async def websocket(request):
    attendant = request.app["sessions"].get(request.cookies.get("hk_session", ""))
    if attendant is None:
        raise web.HTTPUnauthorized()
    return web.json_response({"attendant": attendant})
`,
  },
];
