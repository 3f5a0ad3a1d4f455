"""Live queue board for service counters (city hall, libraries, parking office)."""
import json
import logging
import os

import tornado.ioloop
import tornado.web
import tornado.websocket
from tornado.options import define, options, parse_command_line

from .store import QueueStore

define("port", default=8890, help="listen port", type=int)

log = logging.getLogger("queue_status")
LOGO_DIR = "/srv/civicdesk/branding/branches"
store = QueueStore()

subscribers = {}


def broadcast(branch, message):
    for socket in list(subscribers.get(branch, ())):
        try:
            socket.write_message(json.dumps(message))
        except tornado.websocket.WebSocketClosedError:
            subscribers[branch].discard(socket)


class CorsMixin:
    def set_default_headers(self):
        origin = self.request.headers.get("Origin", "")
        self.set_header("Access-Control-Allow-Origin", origin)  #@vuln CWE-942
        self.set_header("Access-Control-Allow-Credentials", "true")
        self.set_header("Vary", "Origin")


class QueueSocket(tornado.websocket.WebSocketHandler):
    def check_origin(self, origin):
        return origin in ("https://portal.city.example", "https://kiosk.city.example")

    def open(self, branch):
        self.branch = branch
        subscribers.setdefault(branch, set()).add(self)
        self.write_message(json.dumps({"type": "snapshot", "waiting": store.waiting(branch)}))

    def on_message(self, message):
        msg = json.loads(message)
        kind = msg.get("type")
        if kind == "filter":
            rows = store.waiting(self.branch, msg.get("filter"))
            if msg.get("sort"):
                sort_key = eval("lambda t: " + msg["sort"])  #@vuln CWE-95
                rows.sort(key=sort_key)
            self.write_message(json.dumps({"type": "snapshot", "waiting": rows}))
        elif kind == "position":
            pos = store.position(self.branch, msg.get("code", ""))
            self.write_message(json.dumps({"type": "position", "position": pos}))

    def on_close(self):
        subscribers.get(self.branch, set()).discard(self)


class TicketHandler(CorsMixin, tornado.web.RequestHandler):
    def post(self, branch):
        service = self.get_body_argument("service", "general")
        name = self.get_body_argument("name", "")
        code = store.issue(branch, service, name)
        self.set_cookie("queue_ticket", code, expires_days=1)  #@vuln CWE-614|CWE-1004
        broadcast(branch, {"type": "issued", "code": code})
        self.write({"code": code, "position": store.position(branch, code)})


class CounterHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        return self.get_secure_cookie("counter_staff")

    @tornado.web.authenticated
    def post(self, branch):
        counter = self.get_body_argument("counter")
        ticket = store.call_next(branch, counter)
        if ticket:
            broadcast(branch, {"type": "called", "code": ticket["code"], "counter": counter})
        self.write({"called": ticket})


class StaffLoginHandler(tornado.web.RequestHandler):
    def post(self):
        badge = self.get_body_argument("badge")
        if badge not in os.environ.get("COUNTER_BADGES", "").split(","):
            raise tornado.web.HTTPError(403)
        self.set_secure_cookie("counter_staff", badge, expires_days=1, httponly=True, secure=True)  #@safe
        self.write({"ok": True})


class BoardHandler(tornado.web.RequestHandler):
    def get(self, branch):
        self.render("board.html", branch=branch, waiting=store.waiting(branch))  #@safe


class WelcomeHandler(tornado.web.RequestHandler):
    def get(self):
        branch = self.get_argument("branch", "City Hall")
        self.write(f"<html><body><h1>Welcome to {branch}</h1><div id='board'></div></body></html>")  #@vuln CWE-79


class BranchLogoHandler(tornado.web.RequestHandler):
    def get(self, branch):
        with open(os.path.join(LOGO_DIR, branch + ".png"), "rb") as fh:  #@vuln CWE-22
            self.set_header("Content-Type", "image/png")
            self.write(fh.read())


APP_SETTINGS = {
    "template_path": os.path.join(os.path.dirname(__file__), "templates"),
    "cookie_secret": os.environ.get("QUEUE_COOKIE_SECRET"),
    "login_url": "/staff/login",
    "debug": True,  #@vuln CWE-489|CWE-215
}


def make_app():
    return tornado.web.Application(
        [
            (r"/ws/([a-z0-9-]+)", QueueSocket),
            (r"/tickets/([a-z0-9-]+)", TicketHandler),
            (r"/counter/([a-z0-9-]+)/next", CounterHandler),
            (r"/staff/login", StaffLoginHandler),
            (r"/board/([a-z0-9-]+)", BoardHandler),
            (r"/logo/(.+)", BranchLogoHandler),
            (r"/", WelcomeHandler),
        ],
        **APP_SETTINGS,
    )


if __name__ == "__main__":
    parse_command_line()
    make_app().listen(options.port)
    log.info("queue board listening on %s", options.port)
    tornado.ioloop.IOLoop.current().start()
