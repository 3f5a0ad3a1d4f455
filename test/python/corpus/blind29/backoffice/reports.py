"""Reporting blueprint: dashboard, raw-SQL reports and ad-hoc metrics."""
import ast
import re
from datetime import date

from flask import Blueprint, abort, jsonify, render_template, request
from flask_login import current_user, login_required
from markupsafe import escape
from sqlalchemy import text

from backoffice import repository
from backoffice.models import Invoice

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.before_request
@login_required
def _require_login():
    return None


@bp.route("/")
def dashboard():
    args = request.args
    rows = repository.invoices_for_tenant(current_user.tenant_id, args.get("status"), args.get("sort", "issued_at"), args.get("dir", "desc"))
    return render_template("reports/dashboard.html", invoices=rows[:50])


@bp.route("/revenue")
def revenue():
    year = request.args.get("year", type=int) or date.today().year
    currency = request.args.get("currency", "EUR")
    rows = repository.revenue_by_month(current_user.tenant_id, year, currency)
    return jsonify([{"month": r["month"].strftime("%Y-%m"), "total": (r["total"] or 0) / 100} for r in rows])


@bp.route("/top-customers")
def top_customers():
    limit = request.args.get("limit", "10")
    return jsonify([dict(r) for r in repository.top_customers(current_user.tenant_id, limit)])


@bp.route("/customers")
def customers():
    q = request.args.get("q", "").strip()
    rows = repository.search_customers(current_user.tenant_id, q) if q else []
    items = "".join(f"<li>{escape(r.customer_name)}</li>" for r in rows)
    return f"<p>{len(rows)} result(s) for <em>{q}</em></p><ul>{items}</ul>"  #@vuln CWE-79


@bp.route("/invoices/by-number")
def invoices_by_number():
    prefix = request.args.get("prefix", "")
    invoices = Invoice.query.filter(Invoice.tenant_id == current_user.tenant_id).filter(text(f"number LIKE '{prefix}%'")).limit(100).all()  #@vuln CWE-89
    return jsonify([inv.to_dict() for inv in invoices])


@bp.route("/invoices/status", methods=["POST"])
def change_status():
    ids = request.form.getlist("invoice_id")
    status = request.form.get("status", "paid")
    if not ids:
        abort(400)
    repository.bulk_update_status(current_user.tenant_id, ids, status)
    return jsonify(updated=len(ids))


@bp.route("/invoices/match")
def match_invoices():
    pattern = request.args.get("pattern", "")
    field = request.args.get("field", "customer_name")
    if field not in ("customer_name", "number"):
        abort(400)
    if request.args.get("regex") == "1":
        rx = re.compile(pattern)  #@vuln CWE-1333
    else:
        rx = re.compile(re.escape(pattern), re.IGNORECASE)  #@safe
    rows = repository.invoices_for_tenant(current_user.tenant_id)
    return jsonify([r["number"] for r in rows if rx.search(str(r[field] or ""))])


@bp.route("/aging")
def aging():
    days = request.args.get("days", 30, type=int)
    rows = repository.aging_report(current_user.tenant_id, days)
    return jsonify([{"customer": c, "count": n, "owed": (o or 0) / 100} for c, n, o in rows])


@bp.route("/audit")
def audit():
    if not current_user.is_admin:
        abort(403)
    rows = repository.audit_search(current_user.tenant_id, request.args.get("actor"), request.args.get("action"))
    return render_template("reports/audit.html", rows=rows)


@bp.route("/summary")
def summary():
    title = request.args.get("title", "Open invoices")
    rows = repository.invoices_for_tenant(current_user.tenant_id, status="open")
    total = sum(r["amount_cents"] or 0 for r in rows) / 100
    table = "".join(
        f"<tr><td>{escape(r['number'])}</td><td>{escape(r['customer_name'])}</td>"
        f"<td>{(r['amount_cents'] or 0) / 100:.2f}</td></tr>"
        for r in rows
    )
    return f"<h2>{escape(title)}</h2><p>Total: {total:.2f}</p><table>{table}</table>"  #@safe


@bp.route("/custom-metric", methods=["POST"])
def custom_metric():
    # finance builds their own KPIs, e.g. "amount_cents / 100 * 1.19"
    formula = request.form.get("formula", "amount_cents / 100")
    thresholds = ast.literal_eval(request.form.get("thresholds", "[]"))  #@safe
    rows = repository.invoices_for_tenant(current_user.tenant_id)
    values = []
    for row in rows:
        value = eval(formula, {"__builtins__": {}}, dict(row))  #@vuln CWE-95|CWE-94
        values.append(value)
    buckets = {str(t): sum(1 for v in values if v >= t) for t in thresholds}
    return jsonify(count=len(values), total=sum(values), buckets=buckets)
