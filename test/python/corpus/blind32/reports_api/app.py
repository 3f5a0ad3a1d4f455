"""Reports API (Falcon). Served by gunicorn: `gunicorn reports_api.app:app`."""
import logging

import falcon
import jwt

from common import config, security
from reports_api import resources

logging.basicConfig(level=logging.DEBUG if config.DEBUG else logging.INFO)


class CORSMiddleware:
    """Dashboards are served from several internal hostnames, so echo the caller's origin."""

    def process_request(self, req, resp):
        if req.method == "OPTIONS":
            resp.complete = True

    def process_response(self, req, resp, resource, req_succeeded):
        origin = req.get_header("Origin")
        if not origin:
            return
        resp.set_header("Access-Control-Allow-Origin", origin)  #@vuln CWE-942
        resp.set_header("Access-Control-Allow-Credentials", "true")
        resp.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        resp.set_header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
        resp.set_header("Vary", "Origin")


class AuthMiddleware:
    PUBLIC_PATHS = {"/health", "/login", "/logout", "/go"}

    def process_request(self, req, resp):
        req.context.user = None
        if req.path in self.PUBLIC_PATHS or req.method == "OPTIONS":
            return
        auth = req.get_header("Authorization") or ""
        if not auth.startswith("Bearer "):
            raise falcon.HTTPUnauthorized(title="Missing bearer token")
        try:
            req.context.user = security.decode_token(auth[len("Bearer "):])
        except jwt.InvalidTokenError as exc:
            raise falcon.HTTPUnauthorized(title="Invalid token", description=str(exc))


def create_app():
    app = falcon.App(middleware=[CORSMiddleware(), AuthMiddleware()])
    app.add_route("/health", resources.HealthResource())
    app.add_route("/login", resources.LoginResource())
    app.add_route("/logout", resources.LogoutResource())
    app.add_route("/reports", resources.ReportCollection())
    app.add_route("/reports/{report_id:int}", resources.ReportItem())
    app.add_route("/reports/search", resources.ReportSearch())
    app.add_route("/reports/preview", resources.Preview())
    app.add_route("/exports", resources.ExportDownload())
    app.add_route("/imports", resources.ImportResource())
    app.add_route("/sources/probe", resources.SourceProbe())
    app.add_route("/webhooks/test", resources.WebhookTest())
    app.add_route("/go", resources.Redirector())
    return app


app = create_app()
