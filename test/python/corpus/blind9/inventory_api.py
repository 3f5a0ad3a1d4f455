"""Warehouse inventory HTTP API.

Mounted by the warehouse portal under ``/api/inventory``.  Reads and writes
the sqlite catalogue that the nightly ERP sync job maintains.
"""
import os
import random
import sqlite3
import string

from flask import (Blueprint, Flask, abort, current_app, g, jsonify, make_response, redirect,
                   render_template_string, request, send_file, send_from_directory)
from flask.views import MethodView
from markupsafe import Markup, escape

inventory_bp = Blueprint("inventory", __name__, url_prefix="/api/inventory")

LABEL_DIR = "/srv/warehouse/labels"
EXPORT_DIR = "/srv/warehouse/exports"
SORTABLE = {"sku": "sku", "name": "name", "qty": "quantity", "updated": "updated_at"}

CARD_TEMPLATE = '<div class="item-card"><h3>{{ item.name }}</h3><div class="notes">{{ notes|safe }}</div></div>'
SUMMARY_TEMPLATE = "<p>{{ item.sku }} &mdash; {{ item.name }} ({{ remark }})</p>"


class InventoryConfig:
    CATALOGUE_PATH = os.environ.get("CATALOGUE_PATH", "/srv/warehouse/catalogue.db")
    SECRET_KEY = os.environ.get("INVENTORY_SECRET_KEY")  #@safe
    DEBUG = True  #@vuln CWE-489|CWE-215


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["CATALOGUE_PATH"])
        g.db.row_factory = sqlite3.Row
    return g.db


def _fetch_item(sku):
    row = get_db().execute("SELECT * FROM items WHERE sku = ?", (sku,)).fetchone()  #@safe
    if row is None:
        abort(404)
    return row


def _find_items(term, warehouse):
    cur = get_db().cursor()
    sql = "SELECT sku, name, quantity FROM items WHERE warehouse = '%s' AND name LIKE '%%%s%%'" % (warehouse, term)
    cur.execute(sql)  #@vuln CWE-89
    return [dict(r) for r in cur.fetchall()]


class ItemAPI(MethodView):
    """Read / update / delete a single stock item."""

    def get(self, sku):
        return jsonify(dict(_fetch_item(sku)))

    def put(self, sku):
        payload = request.get_json(force=True) or {}
        assignments = ", ".join(f"{col} = '{val}'" for col, val in payload.items())
        db = get_db()
        db.execute("UPDATE items SET " + assignments + " WHERE sku = ?", (sku,))  #@vuln CWE-89
        db.commit()
        return jsonify({"updated": sku})


inventory_bp.add_url_rule("/items/<sku>", view_func=ItemAPI.as_view("item"))


@inventory_bp.route("/search")
def search():
    term = request.args.get("q", "")
    warehouse = request.args.get("wh", "main")
    return jsonify(_find_items(term, warehouse))


@inventory_bp.route("/list")
def list_items():
    column = SORTABLE.get(request.args.get("sort", "sku"), "sku")
    cur = get_db().cursor()
    cur.execute(f"SELECT sku, name, quantity FROM items ORDER BY {column}")  #@safe
    return jsonify([dict(r) for r in cur.fetchall()])


@inventory_bp.route("/items/<sku>/label", methods=["POST"])
def print_label(sku):
    printer = request.form.get("printer", "zebra-01")
    copies = request.form.get("copies", "1")
    label_path = os.path.join(LABEL_DIR, "%s.zpl" % _fetch_item(sku)["sku"])
    rc = os.system("lp -d %s -n %s %s" % (printer, copies, label_path))  #@vuln CWE-78
    if rc != 0:
        return jsonify({"error": "print failed"}), 502
    return jsonify({"queued": True})


@inventory_bp.route("/labels/<path:name>")
def label_file(name):
    return send_from_directory(LABEL_DIR, name)  #@safe


@inventory_bp.route("/exports/download")
def download_export():
    filename = request.args.get("file", "")
    return send_file(os.path.join(EXPORT_DIR, filename), as_attachment=True)  #@vuln CWE-22


@inventory_bp.route("/exports/latest")
def latest_export():
    name = os.path.basename(request.args.get("file", "stock.csv"))
    full = os.path.realpath(os.path.join(EXPORT_DIR, name))
    if not full.startswith(EXPORT_DIR + os.sep) or not os.path.isfile(full):
        abort(404)
    return send_file(full, as_attachment=True)  #@safe


@inventory_bp.route("/items/<sku>/card")
def item_card(sku):
    notes = request.args.get("notes", "")
    return render_template_string(CARD_TEMPLATE, item=_fetch_item(sku), notes=notes)  #@vuln CWE-79


@inventory_bp.route("/items/<sku>/summary")
def item_summary(sku):
    remark = request.args.get("remark", "")
    return render_template_string(SUMMARY_TEMPLATE, item=_fetch_item(sku), remark=remark)  #@safe


@inventory_bp.route("/items/<sku>/badge")
def item_badge(sku):
    tag = request.args.get("tag", "stock")
    badge = Markup(f'<span class="badge badge-{tag}">{escape(sku)}</span>')  #@vuln CWE-79
    return make_response(badge)


@inventory_bp.route("/labels/template/preview", methods=["POST"])
def preview_label_template():
    layout = request.form.get("template", "")
    item = _fetch_item(request.form.get("sku", ""))
    return render_template_string(layout, item=item)  #@vuln CWE-1336|CWE-94


@inventory_bp.route("/continue")
def continue_to():
    target = request.args.get("next", "/")
    return redirect(target)  #@vuln CWE-601


@inventory_bp.route("/holds", methods=["POST"])
def create_hold():
    sku = _fetch_item(request.form["sku"])["sku"]
    hold_code = "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(8))  #@vuln CWE-338|CWE-330
    db = get_db()
    db.execute("INSERT INTO holds (sku, code, picker) VALUES (?, ?, ?)", (sku, hold_code, request.remote_user))  #@safe
    db.commit()
    resp = make_response(jsonify({"sku": sku, "hold": hold_code}), 201)
    resp.set_cookie("hold_code", hold_code)  #@vuln CWE-614|CWE-1004
    return resp


def create_app():
    app = Flask(__name__)
    app.config.from_object(InventoryConfig)
    app.register_blueprint(inventory_bp)

    @app.teardown_appcontext
    def close_db(exc):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=5050)
