from __future__ import annotations

import os
import pickle

from flask import (Blueprint, abort, current_app, g, jsonify, make_response, redirect, render_template_string,
                   request, send_file, send_from_directory, session, url_for)
from markupsafe import escape
from sqlalchemy import text

from common import http_client, security, sqlutil
from report_api import exports, repository, services

bp = Blueprint("reports", __name__)

_cache: repository.ReportCache | None = None


def cache() -> repository.ReportCache:
    global _cache
    if _cache is None:
        _cache = repository.ReportCache(current_app.config["CACHE_DB_PATH"])
    return _cache


def current_user() -> str:
    user = session.get("user")
    if not user:
        abort(401)
    return user


# ---- JSON report endpoints ---------------------------------------------------

@bp.get("/api/reports/sales")
def sales_report():
    current_user()
    return jsonify(services.build_sales_report(g.db, request.args.to_dict()))


@bp.get("/api/reports/orders")
def order_listing():
    current_user()
    return jsonify(services.build_order_listing(g.db, request.args.to_dict()))


@bp.get("/api/reports/orders/search")
def order_search():
    current_user()
    start, end = sqlutil.date_range(request.args)
    rows = repository.search_orders(g.db, request.args.get("customer", ""), start, end)
    return jsonify(rows=rows)


@bp.get("/api/reports/orders/legacy")
def legacy_export():
    current_user()
    rows = repository.legacy_order_export(
        g.db, request.args.get("status", "paid"), request.args.get("sort", "o.created_at"), request.args.get("dir", "ASC")
    )
    return jsonify(rows=rows)


@bp.get("/api/reports/orders/by-customer")
def orders_by_customer():
    current_user()
    ids = request.args.getlist("customer_id")
    if not ids:
        return jsonify(rows=[])
    return jsonify(rows=repository.orders_for_customers(g.db, ids))


@bp.get("/api/reports/orders/core")
def orders_core():
    current_user()
    status = request.args.get("status", "paid")
    if request.args.get("sort_expr"):
        return jsonify(rows=repository.orders_core_custom_sort(g.db, status, request.args["sort_expr"]))
    return jsonify(rows=repository.orders_core(g.db, status, request.args.get("sort", "created_at")))


@bp.get("/api/reports/top-products")
def top_products():
    current_user()
    return jsonify(rows=repository.top_products(g.db, request.args.get("limit", "10")))


@bp.post("/api/reports/custom")
def custom_report():
    current_user()
    definition = services.parse_definition(request.get_data(as_text=True))
    return jsonify(rows=services.build_custom_report(g.db, definition))


@bp.post("/api/reports/definitions/import")
def import_definitions():
    current_user()
    upload = request.files["bundle"]
    return jsonify(imported=len(services.import_definition_bundle(upload.read())))


@bp.post("/api/reports/snapshots/restore")
def restore_snapshot():
    user = current_user()
    snapshot = pickle.loads(request.files["snapshot"].read())  #@vuln CWE-502
    cache().put(snapshot["key"], user, snapshot["payload"])
    return jsonify(restored=snapshot["key"])


@bp.delete("/api/reports/cache")
def clear_cache():
    user = current_user()
    removed = cache().invalidate_prefix(user, request.args.get("prefix", ""))
    return jsonify(removed=removed)


@bp.post("/api/reports/webhooks/test")
def test_webhook():
    current_user()
    body = request.get_json(force=True)
    status = http_client.post_webhook(body["url"], {"event": "report.test", "report": body.get("report_id")})
    return jsonify(status=status)


# ---- HTML previews -----------------------------------------------------------

@bp.get("/reports/preview")
def preview():
    current_user()
    q = request.args.get("q", "")
    rows = repository.search_orders(g.db, q, *sqlutil.date_range(request.args)) if q else []
    if not rows:
        return f"<div class='empty'>No orders matching <b>{q}</b></div>"  #@vuln CWE-79
    return exports.render_rows_html("Order search", rows)


@bp.get("/reports/empty")
def empty_state():
    q = request.args.get("q", "")
    return make_response(f"<div class='empty'>No orders matching <b>{escape(q)}</b></div>")  #@safe


@bp.get("/reports/banner")
def banner():
    title = request.args.get("title", "Sales report")
    return render_template_string("<h1 class='report-title'>" + title + "</h1>")  #@vuln CWE-1336


@bp.get("/reports/heading")
def heading():
    title = request.args.get("title", "Sales report")
    return render_template_string("<h1 class='report-title'>{{ title }}</h1>", title=title)  #@safe


# ---- downloads ---------------------------------------------------------------

@bp.get("/reports/download")
def download():
    current_user()
    name = request.args["file"]
    path = os.path.join(current_app.config["REPORT_DIR"], name)
    return send_file(path, as_attachment=True)  #@vuln CWE-22


@bp.get("/reports/files/<path:name>")
def download_file(name: str):
    current_user()
    return send_from_directory(current_app.config["REPORT_DIR"], name, as_attachment=True)  #@safe


@bp.get("/reports/archive/<name>")
def download_archived(name: str):
    current_user()
    base = os.path.realpath(current_app.config["ARCHIVE_DIR"])
    target = os.path.realpath(os.path.join(base, name))
    if not target.startswith(base + os.sep):
        abort(404)
    return send_file(target, as_attachment=True)  #@safe


@bp.post("/reports/export")
def export_csv():
    user = current_user()
    data = request.get_json(force=True)
    rows = services.build_order_listing(g.db, data.get("filters", {}))["rows"]
    path = exports.write_csv(data.get("filename", "orders"), rows)
    token = security.make_download_token()
    cache().put(f"dl:{security.token_fingerprint(token)}", user, {"path": path})
    resp = make_response(jsonify(path=os.path.basename(path), token=token))
    resp.set_cookie("dl_token", token, max_age=900, httponly=True, samesite="Lax")  #@vuln CWE-614
    return resp


@bp.post("/reports/login")
def login():
    body = request.form
    user = body.get("user", "")
    row = g.db.execute(text("SELECT id, password_hash FROM report_users WHERE username = :u AND active"), {"u": user}).first()
    if row is None or not security.check_password(body.get("password", ""), row.password_hash):
        abort(401)
    session["user"] = user
    resp = make_response(redirect(body.get("next") or url_for("reports.order_listing")))  #@vuln CWE-601
    resp.set_cookie("rpt_session", security.issue_api_token(row.id, ["reports:read"]), secure=True, samesite="Lax")  #@vuln CWE-1004
    return resp


@bp.get("/reports/continue")
def continue_to():
    target = request.args.get("next")
    if security.is_safe_redirect(target, current_app.config["PUBLIC_HOST"]):
        return redirect(target)  #@safe
    return redirect(url_for("reports.order_listing"))


@bp.post("/reports/export/pdf")
def export_pdf():
    current_user()
    data = request.get_json(force=True)
    rows = services.build_order_listing(g.db, data.get("filters", {}))["rows"]
    if data.get("engine") == "v2":
        xlsx = exports.write_xlsx(data.get("filename", "orders"), rows)
        return jsonify(path=os.path.basename(exports.xlsx_to_pdf_safe(xlsx)))
    return jsonify(path=os.path.basename(exports.xlsx_to_pdf(data.get("filename", "orders"), rows)))


@bp.post("/api/reports/column-mapping")
def upload_column_mapping():
    current_user()
    mapping = exports.parse_column_mapping(request.files["mapping"].read())
    return jsonify(mapping=mapping)


@bp.get("/reports/customer/<int:customer_id>")
def customer_page(customer_id: int):
    current_user()
    rows = repository.orders_for_customers(g.db, [str(customer_id)])
    title = request.args.get("title", "Orders")
    customer = rows[0]["customer"] if rows else "unknown"
    return str(exports.caption(title, customer)) + exports.render_rows_html(title, rows)
