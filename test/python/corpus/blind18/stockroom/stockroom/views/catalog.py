from urllib.parse import urlparse

from flask import Blueprint, abort, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from ..services.catalog import CatalogService

bp = Blueprint("catalog", __name__)
service = CatalogService()


@bp.route("/items/search")
def search():
    term = request.args.get("q", "")
    location = request.args.get("loc")
    items = service.search(term, location)
    if not items:
        return f"<p>No items matched <b>{term}</b>.</p>", 404  #@vuln CWE-79
    rows = "".join(f"<li>{escape(i['name'])} ({escape(i['sku'])})</li>" for i in items)
    return f"<h2>Results for {escape(term)}</h2><ul>{rows}</ul>"  #@safe


@bp.route("/items/<int:item_id>/notes", methods=["POST"])
def item_notes(item_id):
    note = request.form.get("note", "")
    banner = Markup(f"<div class='note'>{note}</div>")  #@vuln CWE-79
    return render_template("catalog/note_saved.html", banner=banner, item_id=item_id)


@bp.route("/items/adjust", methods=["POST"])
def adjust():
    payload = request.get_json(force=True)
    qty = service.record_adjustment(payload["sku"], payload["delta"], payload.get("reason", "manual"))
    if qty is None:
        abort(404)
    return {"sku": payload["sku"], "quantity": qty}


@bp.route("/items/import-supplier", methods=["POST"])
def import_supplier():
    sheet = service.fetch_supplier_sheet(request.form["sheet_url"])
    return {"rows": len(sheet.get("rows", []))}


@bp.route("/items/<int:item_id>/label", methods=["POST"])
def print_label(item_id):
    printer = request.form.get("printer", "zebra-dock-1")
    service.print_label(item_id, printer)
    return {"queued": True}


@bp.route("/go")
def go():
    target = request.args.get("next") or url_for("catalog.search")
    return redirect(target)  #@vuln CWE-601


@bp.route("/back")
def back():
    target = request.args.get("next", "")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("catalog.search")
    return redirect(target)  #@safe
