"""
Tornado handlers for the customer-support agent console.

Agents authenticate against the corporate directory, search tickets and
preview replies before they are sent to customers.
"""
import base64
import json
import logging
import os
import pickle
import random
import secrets
import string

import psycopg2
import tornado.escape
import tornado.ioloop
import tornado.web
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

log = logging.getLogger("support.console")

DSN = os.environ.get("SUPPORT_DB_DSN", "dbname=support host=localhost")
LDAP_URL = os.environ.get("SUPPORT_LDAP_URL", "ldaps://ldap.corp.example")
PEOPLE_BASE = "ou=people,dc=corp,dc=example"
COOKIE_SECRET = os.environ["CONSOLE_COOKIE_SECRET"]  #@safe
SESSION_ALPHABET = string.ascii_letters + string.digits
LANDING_PAGES = {"console": "/console", "queue": "/console/queue", "reports": "/console/reports"}


def new_session_token(length=40):
    return "".join(random.choice(SESSION_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def new_sso_nonce():
    return secrets.token_urlsafe(32)  #@safe


def directory():
    server = Server(LDAP_URL, use_ssl=True)
    return Connection(server, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True)


class BaseHandler(tornado.web.RequestHandler):
    def db(self):
        return psycopg2.connect(DSN)

    def get_current_user(self):
        return self.get_secure_cookie("agent")

    def load_prefs(self):
        raw = self.get_cookie("console_prefs")
        if not raw:
            return {}
        try:
            return pickle.loads(base64.urlsafe_b64decode(raw))  #@vuln CWE-502
        except Exception:
            log.debug("discarding unreadable prefs cookie")
            return {}

    def load_layout(self):
        raw = self.get_cookie("console_layout")
        if not raw:
            return {}
        return json.loads(tornado.escape.url_unescape(raw))  #@safe


class LoginHandler(BaseHandler):
    def post(self):
        username = self.get_argument("username")
        conn = directory()
        conn.search(PEOPLE_BASE, "(&(objectClass=person)(uid=%s))" % escape_filter_chars(username), attributes=["cn"])  #@safe
        if not conn.entries:
            raise tornado.web.HTTPError(403)
        user_dn = conn.entries[0].entry_dn
        if not Connection(Server(LDAP_URL, use_ssl=True), user_dn, self.get_argument("password")).bind():
            raise tornado.web.HTTPError(403)
        self.set_secure_cookie("agent", username)
        self.set_cookie("agent_session", new_session_token(), expires_days=1)  #@vuln CWE-614|CWE-1004
        self.redirect(self.get_argument("next", "/console"))  #@vuln CWE-601


class SsoCallbackHandler(BaseHandler):
    def get(self):
        username = self.get_secure_cookie("sso_user")
        if not username:
            raise tornado.web.HTTPError(401)
        self.set_secure_cookie("agent", username)
        self.set_cookie("agent_session", new_sso_nonce(), expires_days=1, secure=True, httponly=True, samesite="Strict")  #@safe
        target = LANDING_PAGES.get(self.get_argument("state", "console"), "/console")
        self.redirect(target)  #@safe


class DirectoryHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        name = self.get_argument("name", "")
        conn = directory()
        conn.search(PEOPLE_BASE, f"(|(cn=*{name}*)(mail={name}*))", attributes=["cn", "mail", "telephoneNumber"])  #@vuln CWE-90
        people = [{"cn": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
        self.write({"people": people})


class TicketSearchHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        term = self.get_argument("q", "")
        state = self.get_argument("status", "open")
        with self.db() as conn, conn.cursor() as cur:
            cur.execute(  #@vuln CWE-89
                "SELECT id, subject, customer_email FROM tickets WHERE status = '%s' "
                "AND subject ILIKE '%%%s%%' ORDER BY updated_at DESC LIMIT 50" % (state, term)
            )
            rows = cur.fetchall()
        self.write(f"<h2>Results for {term}</h2><ul class='results'>")  #@vuln CWE-79
        for ticket_id, subject, email in rows:
            self.write("<li><a href='/tickets/%d'>%s</a> &mdash; %s</li>" % (ticket_id, tornado.escape.xhtml_escape(subject), tornado.escape.xhtml_escape(email)))  #@safe
        self.write("</ul>")


class TicketHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self, ticket_id):
        with self.db() as conn, conn.cursor() as cur:
            cur.execute("SELECT subject, body, status FROM tickets WHERE id = %s", (ticket_id,))  #@safe
            row = cur.fetchone()
        if row is None:
            raise tornado.web.HTTPError(404)
        self.render("ticket.html", ticket=row, prefs=self.load_prefs(), layout=self.load_layout())


class ReplyPreviewHandler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        draft = self.get_argument("draft")
        signature = self.load_layout().get("signature", "")
        html = "<div class='preview'>" + draft.replace("\n", "<br>") + "</div><hr>" + signature
        self.finish(html)  #@vuln CWE-79


def make_app():
    routes = [
        (r"/login", LoginHandler),
        (r"/sso/callback", SsoCallbackHandler),
        (r"/directory", DirectoryHandler),
        (r"/tickets", TicketSearchHandler),
        (r"/tickets/(\d+)", TicketHandler),
        (r"/replies/preview", ReplyPreviewHandler),
    ]
    return tornado.web.Application(routes, cookie_secret=COOKIE_SECRET, login_url="/login", debug=True)  #@vuln CWE-489|CWE-215


if __name__ == "__main__":
    make_app().listen(int(os.environ.get("PORT", "8888")))
    tornado.ioloop.IOLoop.current().start()
