"""A small Flask shop: catalogue search, downloads, webhooks and admin helpers."""
import os
import sqlite3
import subprocess
import shlex

import requests
from flask import Flask, abort, jsonify, make_response, render_template, request, send_file, send_from_directory
from markupsafe import escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SHOP_SECRET_KEY")
UPLOAD_DIR = "/srv/shop/uploads"
ALLOWED_SORT = {"name", "price", "created_at"}


def get_db():
    conn = sqlite3.connect("shop.db")
    conn.row_factory = sqlite3.Row
    return conn


@app.route("/search")
def search():
    term = request.args.get("q", "")
    db = get_db()
    rows = db.execute(f"SELECT id, name FROM products WHERE name LIKE '%{term}%'").fetchall()  #@vuln CWE-89
    return jsonify([dict(r) for r in rows])


@app.route("/search/safe")
def search_safe():
    term = request.args.get("q", "")
    db = get_db()
    rows = db.execute("SELECT id, name FROM products WHERE name LIKE ?", (f"%{term}%",)).fetchall()  #@safe
    return jsonify([dict(r) for r in rows])


@app.route("/products")
def list_products():
    sort = request.args.get("sort", "name")
    if sort not in ALLOWED_SORT:
        abort(400)
    db = get_db()
    rows = db.execute("SELECT * FROM products ORDER BY " + sort).fetchall()  #@safe
    return jsonify([dict(r) for r in rows])


@app.route("/products/by-category")
def by_category():
    category = request.args["category"]
    page = int(request.args.get("page", 1))
    db = get_db()
    query = "SELECT * FROM products WHERE category = '" + category + "'"
    query += " LIMIT 20 OFFSET %d" % ((page - 1) * 20)
    cur = db.cursor()
    cur.execute(query)  #@vuln CWE-89
    return jsonify([dict(r) for r in cur.fetchall()])


@app.route("/products/<int:product_id>")
def product(product_id):
    db = get_db()
    row = db.execute("SELECT * FROM products WHERE id = %d" % product_id).fetchone()  #@safe
    if row is None:
        abort(404)
    return render_template("product.html", product=row)


@app.route("/stats")
def stats():
    db = get_db()
    table = "orders"
    total = db.execute("SELECT COUNT(*) FROM " + table).fetchone()  #@safe
    return jsonify(total=total[0])


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    return f"<h1>Hello {name}!</h1>"  #@vuln CWE-79


@app.route("/hello/safe")
def hello_safe():
    name = request.args.get("name", "guest")
    return f"<h1>Hello {escape(name)}!</h1>"  #@safe


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    resp = make_response("<p>Welcome back, " + name + "</p>")  #@vuln CWE-79
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


@app.route("/greet/template")
def greet_template():
    name = request.args.get("name", "")
    return render_template("greet.html", name=name)  #@safe


@app.route("/download")
def download():
    filename = request.args.get("file")
    return send_file(os.path.join(UPLOAD_DIR, filename))  #@vuln CWE-22


@app.route("/download/safe")
def download_safe():
    filename = request.args.get("file")
    return send_from_directory(UPLOAD_DIR, filename)  #@safe


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["document"]
    name = secure_filename(f.filename)
    f.save(os.path.join(UPLOAD_DIR, name))
    with open(os.path.join(UPLOAD_DIR, name), "rb") as fh:  #@safe
        head = fh.read(16)
    return jsonify(saved=name, magic=head.hex())


@app.route("/report")
def report():
    report_name = request.args.get("name", "daily")
    path = os.path.join("/srv/reports", report_name + ".csv")
    with open(path) as fh:  #@vuln CWE-22
        return fh.read(), 200, {"Content-Type": "text/csv"}


@app.route("/report/checked")
def report_checked():
    report_name = request.args.get("name", "daily")
    base = os.path.realpath("/srv/reports")
    path = os.path.realpath(os.path.join(base, report_name))
    if not path.startswith(base + os.sep):
        abort(403)
    with open(path) as fh:  #@safe
        return fh.read(), 200, {"Content-Type": "text/csv"}


@app.route("/tools/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    out = subprocess.check_output("ping -c 1 " + host, shell=True)  #@vuln CWE-78
    return out


@app.route("/tools/ping/list")
def ping_list():
    host = request.args.get("host", "127.0.0.1")
    out = subprocess.check_output(["ping", "-c", "1", host])  #@safe
    return out


@app.route("/tools/ping/quoted")
def ping_quoted():
    host = request.args.get("host", "127.0.0.1")
    out = subprocess.check_output("ping -c 1 " + shlex.quote(host), shell=True)  #@safe
    return out


@app.route("/tools/disk")
def disk():
    out = subprocess.check_output("df -h /srv", shell=True)  #@safe
    return out


@app.route("/webhook/test", methods=["POST"])
def webhook_test():
    target = request.json["callback_url"]
    r = requests.post(target, json={"ping": True}, timeout=5)  #@vuln CWE-918
    return jsonify(status=r.status_code)


@app.route("/rates")
def rates():
    currency = request.args.get("currency", "EUR")
    r = requests.get(f"https://api.rates.example.com/latest?base={currency}", timeout=5)  #@safe
    return jsonify(r.json())


@app.route("/preview")
def preview():
    url = request.args.get("url")
    page = requests.get(url, timeout=3)  #@vuln CWE-918
    return jsonify(length=len(page.content))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000, debug=True)  #@vuln CWE-489
