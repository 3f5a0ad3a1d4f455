"""Usage & export service that runs next to JupyterHub as a managed service.

The hub proxies {JUPYTERHUB_SERVICE_PREFIX} to this process. Our custom
authenticator hands every user a JWT which the lab frontend sends as
`Authorization: token <jwt>`.
"""
import base64
import hashlib
import json
import logging
import os
import pickle
import subprocess

import jwt
import requests
from tornado import escape, ioloop, web

from common import config, db, net

log = logging.getLogger("usage-service")

HUB_API = os.environ.get("JUPYTERHUB_API_URL", "https://hub.internal/hub/api")
HUB_TOKEN = os.environ.get("JUPYTERHUB_API_TOKEN", "")
PREFIX = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/usage/")
SHARE_SALT = os.environ.get("USAGE_SHARE_SALT", "")
DEFAULT_PREFS = {"range": "30d", "group": "kernel"}


class BaseHandler(web.RequestHandler):
    def get_current_user(self):
        auth = self.request.headers.get("Authorization", "")
        if not auth.startswith("token "):
            return None
        try:
            return jwt.decode(auth[len("token "):], options={"verify_signature": False})  #@vuln CWE-347
        except jwt.DecodeError:
            return None

    def hub_user(self, name):
        r = requests.get(f"{HUB_API}/users/{name}", headers={"Authorization": f"token {HUB_TOKEN}"}, timeout=10, verify=False)  #@vuln CWE-295
        r.raise_for_status()
        return r.json()

    def load_prefs(self):
        raw = self.get_cookie("usage_prefs")
        if not raw:
            return dict(DEFAULT_PREFS)
        try:
            return pickle.loads(base64.b64decode(raw))  #@vuln CWE-502
        except Exception:
            return dict(DEFAULT_PREFS)


class UsagePageHandler(BaseHandler):
    @web.authenticated
    def get(self):
        team = self.get_argument("team", "")
        prefs = self.load_prefs()
        self.write(f"<html><head><title>Usage</title></head><body><h1>Usage for team {team}</h1>")  #@vuln CWE-79
        self.write(f"<p>Signed in as {escape.xhtml_escape(self.current_user.get('name', ''))} - range {escape.xhtml_escape(prefs.get('range', '30d'))}</p>")  #@safe
        self.write("<div id='usage-chart'></div><script src='static/usage.js'></script></body></html>")


class UsageApiHandler(BaseHandler):
    @web.authenticated
    def get(self):
        since = self.get_argument("since", "2024-01-01")
        kernel = self.get_argument("kernel", None)
        sql = "SELECT day, kernel, cpu_hours, gpu_hours FROM usage WHERE username = ? AND day >= ?"
        params = [self.current_user["sub"], since]
        if kernel:
            sql += f" AND kernel = '{kernel}'"
        conn = db.connect()
        rows = conn.execute(sql, params).fetchall()  #@vuln CWE-89
        conn.close()
        self.write({"rows": [dict(r) for r in rows]})


def _user_metrics(username):
    conn = db.connect()
    row = conn.execute("SELECT SUM(cpu_hours) AS cpu_hours, SUM(gpu_hours) AS gpu_hours, COUNT(DISTINCT day) AS days FROM usage WHERE username = ?", (username,)).fetchone()
    conn.close()
    return {k: (row[k] or 0) for k in ("cpu_hours", "gpu_hours", "days")}


class AlertRuleHandler(BaseHandler):
    @web.authenticated
    def post(self):
        body = json.loads(self.request.body or b"{}")
        rule = body.get("expression", "cpu_hours > 100")
        metrics = _user_metrics(self.current_user["sub"])
        fired = bool(eval(rule, {"__builtins__": {}}, metrics))  #@vuln CWE-95
        self.write({"rule": rule, "fired": fired, "metrics": metrics})


class AvatarHandler(BaseHandler):
    @web.authenticated
    def get(self):
        src = self.get_argument("src")
        r = requests.get(src, timeout=5)  #@vuln CWE-918
        self.set_header("Content-Type", r.headers.get("Content-Type", "image/png"))
        self.write(r.content)


class ReportFileHandler(BaseHandler):
    @web.authenticated
    def get(self, name):
        path = os.path.join(config.REPORT_DIR, self.current_user["sub"], name)
        if not os.path.isfile(path):
            raise web.HTTPError(404)
        self.set_header("Content-Disposition", f"attachment; filename={os.path.basename(path)}")
        with open(path, "rb") as fh:  #@vuln CWE-22
            self.write(fh.read())


class ShareLinkHandler(BaseHandler):
    @web.authenticated
    def post(self):
        report = self.get_body_argument("report")
        user = self.current_user["sub"]
        token = hashlib.md5(f"{SHARE_SALT}:{user}:{report}".encode()).hexdigest()  #@vuln CWE-328|CWE-327
        with db.cursor() as cur:
            cur.execute("INSERT OR REPLACE INTO share_links (token, username, report) VALUES (?, ?, ?)", (token, user, report))
        self.write({"url": f"{PREFIX}shared/{token}"})


class ExportHandler(BaseHandler):
    """Render a notebook from the shared project space to HTML/PDF for sharing."""

    @web.authenticated
    def post(self):
        body = json.loads(self.request.body or b"{}")
        notebook = body.get("path", "")
        fmt = body.get("format", "html")
        out_dir = os.path.join(config.EXPORT_DIR, self.current_user["sub"])
        os.makedirs(out_dir, exist_ok=True)
        proc = subprocess.run(f"jupyter nbconvert --to {fmt} --output-dir {out_dir} '{notebook}'", shell=True, capture_output=True, text=True, timeout=300)  #@vuln CWE-78
        self.write({"ok": proc.returncode == 0, "log": proc.stderr[-2000:]})


class DoneHandler(BaseHandler):
    def get(self):
        self.redirect(net.safe_redirect_target(self.get_argument("next", PREFIX), default=PREFIX))  #@safe


def make_app():
    return web.Application(
        [
            (PREFIX + r"?", UsagePageHandler),
            (PREFIX + r"api/usage", UsageApiHandler),
            (PREFIX + r"api/alerts", AlertRuleHandler),
            (PREFIX + r"api/share", ShareLinkHandler),
            (PREFIX + r"api/export", ExportHandler),
            (PREFIX + r"avatar", AvatarHandler),
            (PREFIX + r"reports/(.+)", ReportFileHandler),
            (PREFIX + r"done", DoneHandler),
        ],
        cookie_secret=os.environ["USAGE_COOKIE_SECRET"],
        login_url="/hub/login",
        xsrf_cookies=False,
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    port = int(os.environ.get("USAGE_SERVICE_PORT", "10101"))
    make_app().listen(port, address="127.0.0.1")
    log.info("usage service listening on %s", port)
    ioloop.IOLoop.current().start()
