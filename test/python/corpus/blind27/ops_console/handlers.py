"""Tornado request handlers for the internal ops console."""
from __future__ import annotations

import ast
import json
import logging
import os

import tornado.template
import tornado.web
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars
from tornado.escape import xhtml_escape
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from common import settings, shell

log = logging.getLogger("ops_console")
LOG_DIR = os.path.realpath(settings.STORAGE.log_dir)
KNOWN_LOGS = {"ledger": "ledger.log", "media": "media_hub.log", "catalog": "catalog.log", "feeds": "feeds.log"}
KNOWN_UNITS = {"ledger-api", "media-hub", "catalog-svc", "feeds-app", "realtime-gw"}


def _ldap() -> Connection:
    server = Server(settings.LDAP_URL, get_info=ALL)
    return Connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True)


class BaseHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        return self.get_secure_cookie("ops_user")

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish({"error": self._reason})


class LoginHandler(BaseHandler):
    def post(self):
        username = self.get_body_argument("username")
        conn = _ldap()
        conn.search(settings.LDAP_BASE_DN, f"(&(objectClass=person)(uid={username}))", attributes=["cn", "memberOf"])  #@vuln CWE-90
        if not conn.entries:
            raise tornado.web.HTTPError(403)
        self.set_secure_cookie("ops_user", username, httponly=True, secure=True)
        self.set_cookie("ops_display_name", str(conn.entries[0].cn))  #@vuln CWE-614|CWE-1004
        self.redirect(self.get_argument("return_to", "/"))  #@vuln CWE-601


class UserLookupHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        uid = self.get_argument("uid")
        conn = _ldap()
        conn.search(settings.LDAP_BASE_DN, "(uid=%s)" % escape_filter_chars(uid), attributes=["cn", "mail"])  #@safe
        self.write({"results": [e.entry_to_json() for e in conn.entries]})


class LogHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        name = self.get_argument("file")
        with open(os.path.join(LOG_DIR, name), encoding="utf-8", errors="replace") as fh:  #@vuln CWE-22
            self.write({"file": name, "content": fh.read()[-20000:]})


class LogTailHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self, service: str):
        if service not in KNOWN_LOGS:
            raise tornado.web.HTTPError(404)
        lines = min(int(self.get_argument("lines", "200")), 5000)
        self.write({"tail": shell.tail_log(os.path.join(LOG_DIR, KNOWN_LOGS[service]), lines)})


class PingHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self):
        host = self.get_argument("host")
        rc, out = await shell.ping_host(host)
        if rc:
            self.set_status(502)
            self.write("<p>Host unreachable: %s</p>" % host)  #@vuln CWE-79
            return
        self.write("<pre>%s</pre>" % xhtml_escape(out))  #@safe


class TraceHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self):
        rc, out = await shell.traceroute(self.get_argument("host"))
        self.write({"rc": rc, "output": out})


class BackupHandler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        body = json.loads(self.request.body)
        dest = shell.archive_dir(body["path"], body.get("label", "manual"))
        self.write({"archive": dest})


class StatusHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self, unit: str):
        if unit not in KNOWN_UNITS:
            raise tornado.web.HTTPError(404)
        self.write({"unit": unit, "status": shell.service_status(unit)})


class EvalHandler(BaseHandler):
    """Quick calculator used by on-call for capacity math."""

    @tornado.web.authenticated
    def post(self):
        expr = self.get_body_argument("expr")
        if self.get_body_argument("mode", "literal") == "literal":
            self.write({"result": repr(ast.literal_eval(expr))})  #@safe
        else:
            self.write({"result": repr(eval(expr, {"__builtins__": {}}, {}))})  #@vuln CWE-95|CWE-94


class NotifyTemplateHandler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        tpl_src = self.get_body_argument("template")
        ctx = {"service": self.get_body_argument("service", "unknown"), "user": self.current_user}
        rendered = tornado.template.Template(tpl_src).generate(**ctx)  #@vuln CWE-1336|CWE-94
        self.write({"preview": rendered.decode()})


class DashboardHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        self.render("dashboard.html", user=self.current_user, services=sorted(KNOWN_UNITS), flash=self.get_argument("msg", ""))


class UpstreamHealthHandler(BaseHandler):
    @tornado.web.authenticated
    async def get(self):
        client = AsyncHTTPClient()
        target = self.get_argument("url")
        req = HTTPRequest(target, request_timeout=5, validate_cert=False)  #@vuln CWE-295
        resp = await client.fetch(req, raise_error=False)  #@vuln CWE-918
        self.write({"url": target, "code": resp.code})
