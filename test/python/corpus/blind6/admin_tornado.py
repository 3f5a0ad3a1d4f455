"""Ops console built on Tornado."""
import ast
import os
import secrets
import shlex
import subprocess

import tornado.escape
import tornado.ioloop
import tornado.web

LOG_DIR = "/var/log/services"
SERVICES = {"api", "worker", "scheduler"}


class BaseHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        return self.get_secure_cookie("ops_user")


class ServiceStatusHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        service = self.get_argument("service")
        out = subprocess.check_output("systemctl status " + service, shell=True)  #@vuln CWE-78
        self.write({"status": out.decode(errors="replace")})


class ServiceStatusV2Handler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        service = self.get_argument("service")
        if service not in SERVICES:
            raise tornado.web.HTTPError(400)
        out = subprocess.check_output(["systemctl", "status", f"{service}.service"])  #@safe
        self.write({"status": out.decode(errors="replace")})


class TailHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        lines = self.get_argument("lines", "100")
        name = self.get_argument("file")
        cmd = "tail -n %s %s/%s" % (lines, LOG_DIR, name)
        stream = os.popen(cmd)  #@vuln CWE-78
        self.set_header("Content-Type", "text/plain")
        self.write(stream.read())


class TailV2Handler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        lines = int(self.get_argument("lines", "100"))
        name = os.path.basename(self.get_argument("file"))
        cmd = f"tail -n {lines} {shlex.quote(os.path.join(LOG_DIR, name))}"
        out = subprocess.run(shlex.split(cmd), capture_output=True, text=True)  #@safe
        self.write(out.stdout)


class DownloadLogHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self, name):
        with open(os.path.join(LOG_DIR, name), "rb") as fh:  #@vuln CWE-22
            self.write(fh.read())


class ThresholdHandler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        expr = self.get_body_argument("expr")
        value = eval(expr)  #@vuln CWE-95|CWE-94
        self.write({"threshold": value})


class ThresholdV2Handler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        value = ast.literal_eval(self.get_body_argument("expr"))  #@safe
        self.write({"threshold": value})


class SearchHandler(BaseHandler):
    def get(self):
        q = self.get_argument("q", "")
        self.write("<h3>No incidents matching " + q + "</h3>")  #@vuln CWE-79


class SearchV2Handler(BaseHandler):
    def get(self):
        q = self.get_argument("q", "")
        self.write("<h3>No incidents matching " + tornado.escape.xhtml_escape(q) + "</h3>")  #@safe


class LoginHandler(BaseHandler):
    def post(self):
        user = self.get_body_argument("user")
        self.set_secure_cookie("ops_user", user, httponly=True, secure=True)  #@safe
        self.redirect(self.get_argument("next", "/"))  #@vuln CWE-601


class ImpersonateHandler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        sid = secrets.token_urlsafe(32)
        self.application.settings.setdefault("impersonations", {})[sid] = self.get_body_argument("target")
        self.set_cookie("ops_impersonation_sid", sid)  #@vuln CWE-614|CWE-1004
        self.redirect("/")


HANDLERS = [
    (r"/status", ServiceStatusHandler),
    (r"/status/v2", ServiceStatusV2Handler),
    (r"/tail", TailHandler),
    (r"/tail/v2", TailV2Handler),
    (r"/logs/(.*)", DownloadLogHandler),
    (r"/threshold", ThresholdHandler),
    (r"/threshold/v2", ThresholdV2Handler),
    (r"/search", SearchHandler),
    (r"/search/v2", SearchV2Handler),
    (r"/login", LoginHandler),
    (r"/impersonate", ImpersonateHandler),
]


def make_app():
    settings = {"login_url": "/login", "xsrf_cookies": True}
    settings["cookie_secret"] = "3f9c1e7a2b8d4c6e0a5f9b1d7e3c8a2f"  #@vuln CWE-798
    settings["debug"] = True  #@vuln CWE-489|CWE-215
    return tornado.web.Application(HANDLERS, **settings)


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
