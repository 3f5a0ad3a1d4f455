"""opsdash HTTP front end built on the stdlib http.server."""
import base64
import html
import json
import logging
import mimetypes
import os
import time
from http import cookies
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, quote, unquote, urlparse

import yaml

from common import config, db, fetch, fsutil
from common.security import check_ticket, new_session_id, verify_password
from . import services, views

log = logging.getLogger("opsdash")

ALLOWED_ORIGINS = {"https://ops.corp.internal", "https://ops-admin.corp.internal"}
PUBLIC_PATHS = {"/login", "/sso/callback"}


def _safe_next(target):
    """Only allow local absolute paths as post-logout destinations."""
    if not target:
        return "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


class DashboardHandler(BaseHTTPRequestHandler):
    server_version = "opsdash/1.4"

    # ------------------------------------------------------------ plumbing
    def _query(self):
        return {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length)

    def _form(self):
        return {k: v[0] for k, v in parse_qs(self._body().decode("utf-8", "replace")).items()}

    def _json(self):
        return json.loads(self._body() or b"{}")

    def _cors_headers(self):
        origin = self.headers.get("Origin")
        if origin in ALLOWED_ORIGINS:
            self.send_header("Access-Control-Allow-Origin", origin)  #@safe
            self.send_header("Access-Control-Allow-Credentials", "true")
            self.send_header("Vary", "Origin")

    def _send(self, status, body, ctype="text/html; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self._cors_headers()
        self.end_headers()
        self.wfile.write(data)

    def _send_json(self, status, payload):
        self._send(status, json.dumps(payload, default=str), "application/json")

    def _current_user(self):
        jar = cookies.SimpleCookie(self.headers.get("Cookie", ""))
        morsel = jar.get(config.SESSION_COOKIE)
        if not morsel:
            return None
        with db.connect() as conn:
            row = db.SessionRepository(conn).lookup(morsel.value)
        if row and row["expires"] > time.time():
            return row["username"]
        return None

    # ------------------------------------------------------------ dispatch
    def do_GET(self):
        path = urlparse(self.path).path
        if path.startswith("/static/"):
            return self._static(path[len("/static/"):])
        routes = {
            "/": self._search, "/search": self._search, "/hosts": self._hosts, "/host": self._host,
            "/print": self._print, "/login": self._login_form, "/logout": self._logout, "/go": self._go,
            "/reports": self._report, "/logs": self._logs, "/audit": self._audit,
            "/sso/callback": self._sso_callback, "/api/status": self._api_status,
        }
        self._dispatch(path, routes)

    def do_POST(self):
        path = urlparse(self.path).path
        routes = {
            "/login": self._login, "/api/probe": self._api_probe, "/api/hooks/test": self._api_hook_test,
            "/api/import": self._api_import, "/api/hosts/delete": self._api_delete, "/api/checks/run": self._api_check,
            "/api/reports/export": self._api_export, "/api/reports/custom": self._api_custom,
        }
        self._dispatch(path, routes)

    def _dispatch(self, path, routes):
        handler = routes.get(path)
        if handler is None:
            return self._send(404, views.page("Not found", "<h1>404</h1>"))
        if path not in PUBLIC_PATHS and not self._current_user():
            self.send_response(302)
            self.send_header("Location", "/login?next=" + quote(self.path, safe=""))  #@safe
            self.end_headers()
            return
        try:
            handler()
        except Exception:
            log.exception("handler failed for %s", path)
            self._send(500, views.page("Error", "<h1>Internal error</h1>"))

    # ------------------------------------------------------------ pages
    def _static(self, rel):
        full = os.path.join(config.STATIC_DIR, unquote(rel))
        try:
            with open(full, "rb") as fh:  #@vuln CWE-22
                data = fh.read()
        except OSError:
            return self._send(404, "not found", "text/plain")
        self._send(200, data, mimetypes.guess_type(full)[0] or "application/octet-stream")

    def _search(self):
        q = self._query()
        term = q.get("q", "")
        with db.connect() as conn:
            rows = db.HostRepository(conn).search(term, q.get("sort", "hostname"))
        self._send(200, views.search_results(term, rows))

    def _hosts(self):
        q = self._query()
        owner = q.get("owner", "")
        with db.connect() as conn:
            rows = db.HostRepository(conn).list_by_owner(owner, q.get("status"))
        self._send(200, views.owner_view(owner, rows))

    def _host(self):
        q = self._query()
        with db.connect() as conn:
            host = db.HostRepository(conn).get(int(q.get("id", "0")))
            if host is None:
                return self._send(404, views.page("Not found", "<h1>No such host</h1>"))
            timeline = services.host_timeline(conn, host["hostname"], q.get("since", "1970-01-01"))
        self._send(200, views.host_detail(host, timeline))

    def _print(self):
        q = self._query()
        with db.connect() as conn:
            rows = db.HostRepository(conn).search(q.get("q", ""))
        self._send(200, services.render_printable(q.get("title", "Host inventory"), rows))

    def _report(self):
        name = self._query().get("name", "")
        try:
            body = fsutil.read_text(config.REPORT_DIR, name)
        except (ValueError, OSError):
            return self._send(404, views.error_page(404, f"Report {name} not found"))
        self._send(200, body, "text/plain; charset=utf-8")

    def _logs(self):
        q = self._query()
        name = q.get("name", "opsdash.log")
        if q.get("mode") == "regex":
            matches = services.grep_log(name, q.get("pattern", ""))
        else:
            matches = services.find_in_log(name, q.get("pattern", ""))
        self._send(200, views.log_matches(name, matches))

    def _audit(self):
        with db.connect() as conn:
            rows = conn.execute("SELECT ts, actor, action, detail FROM audit ORDER BY ts DESC LIMIT 200").fetchall()
        body = "".join(f"<tr><td>{r['ts']}</td><td>{html.escape(r['actor'] or '')}</td><td>{r['action']}</td><td>{r['detail']}</td></tr>" for r in rows)  #@vuln CWE-79
        self._send(200, views.page("Audit", f"<table>{body}</table>"))

    # ------------------------------------------------------------ auth
    def _login_form(self):
        self._send(200, views.login_form(self._query().get("next", "/")))

    def _login(self):
        form = self._form()
        with db.connect() as conn:
            user = db.UserRepository(conn).by_username(form.get("username", ""))
            if not user or not verify_password(form.get("password", ""), user["password_hash"]):
                return self._send(401, views.login_form(form.get("next", "/"), "Invalid credentials"))
            sid = new_session_id()
            db.SessionRepository(conn).create(sid, user["username"], int(time.time()) + config.SESSION_TTL)
            db.AuditRepository(conn).record(user["username"], "login", self.client_address[0])
        self.send_response(303)
        self.send_header("Set-Cookie", f"{config.SESSION_COOKIE}={sid}; Path=/; Max-Age={config.SESSION_TTL}")  #@vuln CWE-614|CWE-1004
        self.send_header("Location", form.get("next", "/"))  #@vuln CWE-601
        self.end_headers()

    def _logout(self):
        target = _safe_next(self._query().get("return_to"))
        jar = cookies.SimpleCookie()
        jar[config.SESSION_COOKIE] = ""
        jar[config.SESSION_COOKIE]["path"] = "/"
        jar[config.SESSION_COOKIE]["max-age"] = 0
        jar[config.SESSION_COOKIE]["secure"] = True
        jar[config.SESSION_COOKIE]["httponly"] = True
        self.send_response(302)
        self.send_header("Set-Cookie", jar[config.SESSION_COOKIE].OutputString())
        self.send_header("Location", target)  #@safe
        self.end_headers()

    def _sso_callback(self):
        q = self._query()
        user = q.get("user", "")
        if not check_ticket(f"{user}:{q.get('exp', '')}".encode(), q.get("sig")) or int(q.get("exp", "0")) < time.time():
            return self._send(403, views.page("Forbidden", "<h1>Invalid ticket</h1>"))
        sid = new_session_id()
        with db.connect() as conn:
            db.SessionRepository(conn).create(sid, user, int(time.time()) + config.SESSION_TTL)
        dest = base64.urlsafe_b64decode(q.get("state", "Lw") + "==").decode("utf-8", "replace")
        jar = cookies.SimpleCookie()
        jar[config.SESSION_COOKIE] = sid
        jar[config.SESSION_COOKIE]["path"] = "/"
        jar[config.SESSION_COOKIE]["httponly"] = True
        self.send_response(302)
        self.send_header("Set-Cookie", jar[config.SESSION_COOKIE].OutputString())  #@vuln CWE-614
        self.send_header("Location", dest)  #@vuln CWE-601
        self.end_headers()

    def _go(self):
        url = self._query().get("url", "/")
        with db.connect() as conn:
            db.AuditRepository(conn).record(self._current_user(), "outbound-click", url)
        self.send_response(302)
        self.send_header("Location", url)  #@vuln CWE-601
        self.end_headers()

    # ------------------------------------------------------------ JSON API
    def _api_status(self):
        disk = services.disk_usage(self._query().get("dir", "spool"))
        self._send_json(200, {"services": services.internal_status(), "disk": disk})

    def _api_probe(self):
        url = self._json().get("url", "")
        try:
            content = fetch.fetch_url(url)
        except Exception as exc:  # noqa: BLE001
            return self._send_json(502, {"error": str(exc)})
        self._send_json(200, {"bytes": len(content), "preview": content[:300].decode("utf-8", "replace")})

    def _api_hook_test(self):
        body = self._json()
        try:
            resp = fetch.post_webhook(body.get("url", ""), {"text": f"opsdash test from {self._current_user()}"})
        except ValueError as exc:
            return self._send_json(400, {"error": str(exc)})
        self._send_json(200, {"status": resp.status_code})

    def _api_import(self):
        docs = yaml.load(self._body(), Loader=yaml.Loader)  #@vuln CWE-502
        updated = 0
        with db.connect() as conn:
            repo = db.HostRepository(conn)
            for item in (docs or {}).get("hosts", []):
                repo.update_status(item["hostname"], item.get("status", "unknown"))
                updated += 1
        self._send_json(200, {"updated": updated})

    def _api_delete(self):
        ids = self._form().get("ids", "")
        with db.connect() as conn:
            db.HostRepository(conn).delete_many(ids)
            db.AuditRepository(conn).record(self._current_user(), "delete-hosts", ids)
        self._send_json(200, {"deleted": ids})

    def _api_check(self):
        body = self._json()
        try:
            if body.get("check") == "traceroute":
                return self._send_json(200, {"stdout": services.traceroute(body.get("target", ""))})
            result = services.run_check(body.get("check", "ping"), body.get("target", ""))
        except ValueError as exc:
            return self._send_json(400, {"error": str(exc)})
        self._send_json(200, result)

    def _api_export(self):
        body = self._json()
        with db.connect() as conn:
            rows = db.HostRepository(conn).search(body.get("q", ""))
        path = services.export_csv(body.get("filename", "hosts.csv"), rows)
        self._send_json(200, {"path": path})

    def _api_custom(self):
        body = self._json()
        with db.connect() as conn:
            rows = [dict(r) for r in db.HostRepository(conn).search(body.get("q", ""))]
        self._send(200, services.render_custom(body.get("template", ""), rows), "text/plain; charset=utf-8")
