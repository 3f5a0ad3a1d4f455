import csv
import tempfile

from flask import Blueprint, request, send_file

from ..helpers.templating import render_snippet
from ..repositories.items import ItemRepository

bp = Blueprint("reports", __name__)
repo = ItemRepository()

ROW_TEMPLATE = "{% for r in rows %}<tr><td>{{ r.sku }}</td><td>{{ r.name }}</td><td>{{ r.quantity }}</td></tr>{% endfor %}"


@bp.route("/custom")
def custom_report():
    heading = request.args.get("heading", "Stock report")
    rows = repo.low_stock(request.args.get("threshold", 10, type=int))
    template = "<h1>" + heading + "</h1><table>" + ROW_TEMPLATE + "</table>"
    return render_snippet(template, rows=rows)  #@vuln CWE-79


@bp.route("/low-stock.csv")
def low_stock_csv():
    threshold = request.args.get("threshold", 5, type=int)
    rows = repo.low_stock(threshold)
    path = f"/tmp/stockroom-low-stock-{threshold}.csv"
    with open(path, "w", newline="") as fh:  #@vuln CWE-377
        writer = csv.DictWriter(fh, fieldnames=["sku", "name", "quantity"])
        writer.writeheader()
        writer.writerows(rows)
    return send_file(path, mimetype="text/csv", as_attachment=True, download_name="low-stock.csv")


@bp.route("/locations.csv")
def locations_csv():
    codes = request.args.getlist("loc")
    rows = repo.by_locations(codes) if codes else []
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as fh:  #@safe
        writer = csv.writer(fh)
        writer.writerow(["sku", "name", "quantity", "location"])
        for r in rows:
            writer.writerow([r["sku"], r["name"], r["quantity"], r["location"]])
    return send_file(fh.name, mimetype="text/csv", as_attachment=True, download_name="locations.csv")
