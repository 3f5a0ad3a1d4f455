"""Customer portal (Flask): profiles, exports, support tickets."""
import hashlib
import os
import random
import subprocess

import pymysql
from flask import Flask, Response, request, session
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = "portal-dev-key-2024"  #@vuln CWE-798
app.config["UPLOAD_FOLDER"] = "/srv/portal/uploads"


def db():
    return pymysql.connect(host="localhost", user="portal", passwd="p0rtal!DB", database="portal")  #@vuln CWE-798


class ProfileService:
    def __init__(self, conn):
        self.conn = conn

    def find(self, form):
        self.name = form["name"]
        with self.conn.cursor() as cur:
            cur.execute("SELECT * FROM profiles WHERE name = '" + self.name + "'")  #@vuln CWE-89
            return cur.fetchone()


@app.route("/profiles")
def profiles():
    data = request.get_json(silent=True) or {}
    user = data.get("user", {})
    with db().cursor() as cur:
        cur.execute(f"SELECT * FROM profiles WHERE email = '{user['email']}'")  #@vuln CWE-89
        return {"profile": cur.fetchone()}


@app.route("/profiles/bulk")
def profiles_bulk():
    ids = [i for i in request.args.getlist("id")]
    with db().cursor() as cur:
        cur.execute("SELECT * FROM profiles WHERE id IN (%s)" % ",".join(ids))  #@vuln CWE-89
        return {"profiles": cur.fetchall()}


@app.route("/profiles/bulk/safe")
def profiles_bulk_safe():
    ids = [int(i) for i in request.args.getlist("id")]
    marks = ",".join(["%s"] * len(ids))
    with db().cursor() as cur:
        cur.execute("SELECT * FROM profiles WHERE id IN (" + marks + ")", ids)  #@safe
        return {"profiles": cur.fetchall()}


@app.route("/avatar", methods=["POST"])
def avatar():
    f = request.files["avatar"]
    path = os.path.join(app.config["UPLOAD_FOLDER"], f.filename)
    with open(path, "wb") as out:  #@vuln CWE-22
        out.write(f.read())
    return {"ok": True}


@app.route("/avatar/safe", methods=["POST"])
def avatar_safe():
    f = request.files["avatar"]
    path = os.path.join(app.config["UPLOAD_FOLDER"], secure_filename(f.filename))
    f.save(path)
    with open(path, "rb") as fh:  #@safe
        return {"size": len(fh.read())}


@app.route("/jsonp")
def jsonp():
    callback = request.args.get("callback", "cb")
    body = callback + "(" + '{"ok": true}' + ")"
    return Response(body, mimetype="application/javascript")  #@vuln CWE-79


@app.route("/export")
def export():
    fmt = request.args.get("fmt", "csv")
    subprocess.Popen(["sh", "-c", "export-tool --format " + fmt])  #@vuln CWE-78
    return {"ok": True}


@app.route("/export/safe")
def export_safe():
    fmt = request.args.get("fmt", "csv")
    subprocess.Popen(["export-tool", "--format", fmt])  #@safe
    return {"ok": True}


@app.route("/calc/<op>")
def calc(op):
    a = int(request.args.get("a", 0))
    return {"result": eval(f"calc_{op}({a})")}  #@vuln CWE-95


@app.route("/csrf")
def csrf():
    session["csrf"] = str(random.random())  #@vuln CWE-338
    return {"ok": True}


@app.route("/lottery")
def lottery():
    numbers = random.sample(range(1, 50), 6)  #@safe
    return {"numbers": numbers}


def change_password(user, new_password):
    user.password_hash = hashlib.sha1(new_password.encode()).hexdigest()  #@vuln CWE-916|CWE-328|CWE-327
    return user


def gravatar(email):
    return "https://www.gravatar.com/avatar/" + hashlib.md5(email.lower().encode()).hexdigest()
