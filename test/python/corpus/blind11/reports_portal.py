"""Reporting portal: app factory, extensions, services and blueprints."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from urllib.parse import urlparse

from flask import (Blueprint, Flask, abort, current_app, g, jsonify, make_response, redirect,
                   render_template_string, request, send_file, send_from_directory)
from flask_sqlalchemy import SQLAlchemy
from markupsafe import escape
from sqlalchemy import text

log = logging.getLogger(__name__)

db = SQLAlchemy()

class BaseConfig:
    SQLALCHEMY_DATABASE_URI = os.environ.get("REPORTS_DB_URL", "sqlite:///reports.db")
    SECRET_KEY = os.environ.get("REPORTS_SECRET_KEY")  #@safe
    EXPORT_DIR = os.environ.get("REPORTS_EXPORT_DIR", "/var/lib/reports/exports")
    ALLOWED_REDIRECT_HOSTS = {"reports.example.com"}

class DevConfig(BaseConfig):
    SECRET_KEY = "dev-reports-secret-0000"  #@vuln CWE-798

REPORT_TEMPLATE = "<article><h1>{{ report.title }}</h1><div>{{ report.body }}</div></article>"

@dataclass
class ReportFilter:
    owner: str
    status: str = "published"
    order_by: str = "created_at"
    extra: dict = field(default_factory=dict)

class ReportService:
    SORTABLE = {"created_at": "created_at", "title": "title", "views": "view_count"}

    def __init__(self, session):
        self.session = session

    def _where_clause(self, flt: ReportFilter) -> str:
        parts = [f"owner = '{flt.owner}'", f"status = '{flt.status}'"]
        for key, value in flt.extra.items():
            parts.append("%s = '%s'" % (key, value))
        return " AND ".join(parts)

    def search(self, flt: ReportFilter):
        sql = "SELECT id, title, status FROM reports WHERE " + self._where_clause(flt)
        column = self.SORTABLE.get(flt.order_by, "created_at")
        sql += f" ORDER BY {column} DESC"
        return self.session.execute(text(sql)).mappings().all()  #@vuln CWE-89

    def get(self, report_id: int):
        stmt = text("SELECT id, title, body, owner FROM reports WHERE id = :id")
        return self.session.execute(stmt, {"id": report_id}).mappings().first()  #@safe

class ExportService:
    def __init__(self, export_dir: str):
        self.export_dir = export_dir

    def resolve(self, filename: str) -> str:
        return os.path.join(self.export_dir, filename)

class ReportingFacade:
    def __init__(self, reports: ReportService):
        self.reports = reports

    def list_for(self, owner: str, args) -> list:
        extra = {k[2:]: v for k, v in args.items() if k.startswith("f_")}
        flt = ReportFilter(owner=owner, status=args.get("status", "published"),
                           order_by=args.get("sort", "created_at"), extra=extra)
        return [dict(r) for r in self.reports.search(flt)]

def facade() -> ReportingFacade:
    if "reporting" not in g:
        g.reporting = ReportingFacade(ReportService(db.session))
    return g.reporting

def _safe_next(default: str = "/reports/") -> str:
    target = request.args.get("next", "")
    parsed = urlparse(target)
    allowed = current_app.config["ALLOWED_REDIRECT_HOSTS"]
    if target.startswith("/") and not target.startswith("//") and "\\" not in target and not parsed.netloc:
        return target
    if parsed.scheme == "https" and parsed.netloc in allowed:
        return target
    return default

bp = Blueprint("reports", __name__, url_prefix="/reports")
auth_bp = Blueprint("auth", __name__, url_prefix="/auth")

@bp.get("/")
def list_reports():
    owner = request.headers.get("X-Forwarded-User", "anonymous")
    rows = facade().list_for(owner, request.args)
    if not rows and request.args.get("q"):
        q = request.args["q"]
        return make_response(f"<p>No reports matched <b>{q}</b></p>", 404)  #@vuln CWE-79
    return jsonify(rows)

@bp.get("/empty")
def empty_state():
    q = request.args.get("q", "")
    return make_response(f"<p>No reports matched <b>{escape(q)}</b></p>", 404)  #@safe

@bp.get("/<int:report_id>")
def show_report(report_id: int):
    report = facade().reports.get(report_id)
    if report is None:
        abort(404)
    return render_template_string(REPORT_TEMPLATE, report=report)  #@safe

@bp.post("/<int:report_id>/preview")
def preview_report(report_id: int):
    report = facade().reports.get(report_id) or abort(404)
    layout = request.form.get("layout", REPORT_TEMPLATE)
    return render_template_string(layout, report=report)  #@vuln CWE-1336

@bp.get("/exports/download")
def download_export():
    exports = ExportService(current_app.config["EXPORT_DIR"])
    return send_file(exports.resolve(request.args["file"]), as_attachment=True)  #@vuln CWE-22

@bp.get("/exports/<path:filename>")
def export_file(filename: str):
    return send_from_directory(current_app.config["EXPORT_DIR"], filename)  #@safe

@bp.post("/preferences")
def save_preferences():
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("report_session", request.form["session_hint"])  #@vuln CWE-614|CWE-1004
    resp.set_cookie("report_tz", request.form.get("tz", "UTC"), secure=True, httponly=True, samesite="Lax")  #@safe
    return resp

@auth_bp.get("/sso/callback")
def sso_callback():
    log.info("sso callback completed")
    return redirect(request.args.get("next", "/reports/"))  #@vuln CWE-601

@auth_bp.get("/logout")
def logout():
    return redirect(_safe_next())  #@safe

def create_app(config_object: type = BaseConfig) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config_object)
    db.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(auth_bp)
    return app

if __name__ == "__main__":
    create_app(DevConfig).run(host="0.0.0.0", port=5050, debug=True)  #@vuln CWE-489
