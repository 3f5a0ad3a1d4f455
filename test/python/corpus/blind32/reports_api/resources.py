"""Falcon resources for the reports API."""
import html
import json
import logging
import os
import pickle

import falcon
import requests
import yaml

from common import config, net, security
from reports_api import repository

log = logging.getLogger(__name__)

PREVIEW_TEMPLATE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/static/report.css"></head>
<body><h1>{title}</h1>
<table class="totals"><tr><th>Region</th><th>Total</th></tr>{rows}</table>
</body></html>"""

MAX_IMPORT_ROWS = 50_000


def _owner(req):
    return req.context.user["sub"]


class HealthResource:
    def on_get(self, req, resp):
        resp.media = {"status": "ok", "env": config.ENV}


class LoginResource:
    def on_post(self, req, resp):
        body = req.get_media() or {}
        user = repository.find_user(body.get("username", ""))
        if not user or not security.verify_password(body.get("password", ""), user["password_hash"]):
            log.info("failed login for %r", body.get("username"))
            raise falcon.HTTPUnauthorized(title="Invalid credentials")
        resp.media = {"token": security.issue_token(user["id"], user["role"])}


class LogoutResource:
    def on_get(self, req, resp):
        resp.unset_cookie(config.SESSION_COOKIE)
        raise falcon.HTTPSeeOther(net.safe_redirect_target(req.get_param("return_to")))  #@safe


class ReportCollection:
    def on_get(self, req, resp):
        resp.media = repository.list_reports(
            _owner(req),
            status=req.get_param("status"),
            sort=req.get_param("sort", default="created_at"),
            direction=req.get_param("dir", default="desc"),
            limit=req.get_param_as_int("limit", default=50, min_value=1, max_value=500),
        )

    def on_post(self, req, resp):
        body = req.get_media() or {}
        if not body.get("title"):
            raise falcon.HTTPBadRequest(title="title is required")
        report_id = repository.create_report(_owner(req), body["title"], body.get("region"), json.dumps(body.get("definition", {})))
        resp.status = falcon.HTTP_201
        resp.media = {"id": report_id}

    def on_delete(self, req, resp):
        ids = req.get_param("ids", required=True)
        resp.media = {"deleted": repository.delete_reports(_owner(req), ids)}


class ReportItem:
    def on_get(self, req, resp, report_id):
        report = repository.get_report(report_id)
        if report is None:
            raise falcon.HTTPNotFound()
        resp.media = report

    def on_patch(self, req, resp, report_id):
        body = req.get_media() or {}
        changed = repository.update_status(report_id, body.get("status", "draft"))
        resp.media = {"updated": changed}


class ReportSearch:
    def on_get(self, req, resp):
        group_by = req.get_param("group_by")
        if group_by:
            resp.media = repository.report_totals(group_by)
            return
        resp.media = repository.search_reports(req.get_param("q", default=""), req.get_param("region"))


class Preview:
    def on_get(self, req, resp):
        report_id = req.get_param_as_int("id")
        report = repository.get_report(report_id) if report_id else None
        resp.content_type = falcon.MEDIA_HTML
        if report is None:
            name = req.get_param("name", default="")
            resp.status = falcon.HTTP_404
            resp.text = f"<html><body><p>No report found for <b>{name}</b>.</p><a href='/reports'>Back</a></body></html>"  #@vuln CWE-79
            return
        totals = repository.report_totals("region")
        rows = "".join(f"<tr><td>{html.escape(str(t['region']))}</td><td>{t['total']:.2f}</td></tr>" for t in totals)
        resp.text = PREVIEW_TEMPLATE.format(title=html.escape(report["title"]), rows=rows)  #@safe


class ExportDownload:
    def on_get(self, req, resp):
        name = req.get_param("file", required=True)
        path = os.path.join(config.EXPORT_DIR, name)
        if not os.path.isfile(path):
            raise falcon.HTTPNotFound(description=f"{name} has not been generated yet")
        resp.content_type = "text/csv"
        resp.downloadable_as = os.path.basename(path)
        resp.stream = open(path, "rb")  #@vuln CWE-22


class ImportResource:
    def on_post(self, req, resp):
        fmt = req.get_param("format", default="json")
        raw = req.bounded_stream.read()
        if fmt == "pickle":
            # reports-desktop <= 2.3 still uploads pickled row lists
            rows = pickle.loads(raw)  #@vuln CWE-502
        elif fmt == "yaml":
            rows = yaml.safe_load(raw)  #@safe
        else:
            rows = json.loads(raw or b"[]")
        if not isinstance(rows, list):
            raise falcon.HTTPBadRequest(title="expected a list of rows")
        resp.media = {"imported": repository.bulk_insert_sales(_owner(req), rows[:MAX_IMPORT_ROWS])}


class SourceProbe:
    """Checks that a remote CSV source configured on a report is reachable."""

    def on_post(self, req, resp):
        body = req.get_media() or {}
        url = body.get("source_url", "")
        try:
            r = requests.get(url, timeout=5)  #@vuln CWE-918
        except requests.RequestException as exc:
            resp.media = {"ok": False, "error": str(exc)}
            return
        resp.media = {"ok": r.ok, "status": r.status_code, "preview": r.text[:500]}


class WebhookTest:
    def on_post(self, req, resp):
        body = req.get_media() or {}
        try:
            r = net.post_webhook(body.get("url", ""), {"text": "Test notification from reports"})
        except ValueError as exc:
            raise falcon.HTTPBadRequest(title=str(exc))
        resp.media = {"status": r.status_code}


class Redirector:
    """Short links used in report e-mails: /go?next=/reports/12"""

    def on_get(self, req, resp):
        target = req.get_param("next", default="/")
        raise falcon.HTTPFound(target)  #@vuln CWE-601
