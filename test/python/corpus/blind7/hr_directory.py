"""HR people-directory service (Tornado) backed by the corporate LDAP."""
import hashlib
import os
import random
import secrets
import string

import ldap
import tornado.escape
import tornado.ioloop
import tornado.web
from ldap.filter import escape_filter_chars
from lxml import etree

LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.corp.example")
BASE_DN = "ou=people,dc=corp,dc=example"
BIND_DN = "cn=hr-directory,ou=services,dc=corp,dc=example"
BIND_PW = os.environ.get("LDAP_BIND_PW", "")


def ldap_conn():
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s(BIND_DN, BIND_PW)
    return conn


class PersonSearchHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name")
        conn = ldap_conn()
        flt = "(&(objectClass=person)(cn=*" + name + "*))"
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])  #@vuln CWE-90
        self.write({"people": [dn for dn, _ in results]})


class PersonByMailHandler(tornado.web.RequestHandler):
    def get(self):
        mail = self.get_argument("mail")
        conn = ldap_conn()
        flt = "(&(objectClass=person)(mail=%s))" % escape_filter_chars(mail)
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])  #@safe
        self.write({"people": [dn for dn, _ in results]})


class ManagerChainHandler(tornado.web.RequestHandler):
    def get(self, uid):
        conn = ldap_conn()
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(uid={uid})", ["manager"])  #@vuln CWE-90
        self.write({"manager": results[0][1].get("manager", [b""])[0].decode() if results else None})


class OrgChartImportHandler(tornado.web.RequestHandler):
    def post(self):
        parser = etree.XMLParser(resolve_entities=True, no_network=False)  #@vuln CWE-611
        tree = etree.fromstring(self.request.body, parser)
        self.write({"units": len(tree.findall(".//unit"))})


class OrgChartImportSafeHandler(tornado.web.RequestHandler):
    def post(self):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)  #@safe
        tree = etree.fromstring(self.request.body, parser)
        self.write({"units": len(tree.findall(".//unit"))})


class TempPasswordHandler(tornado.web.RequestHandler):
    def post(self, uid):
        alphabet = string.ascii_letters + string.digits
        temp_pw = "".join(random.choice(alphabet) for _ in range(12))  #@vuln CWE-330|CWE-338
        stored = hashlib.sha1(temp_pw.encode()).hexdigest()  #@vuln CWE-327|CWE-328|CWE-916
        self.application.settings["pending"][uid] = stored
        self.write({"temporary_password": temp_pw})


class InviteHandler(tornado.web.RequestHandler):
    def post(self, uid):
        alphabet = string.ascii_letters + string.digits
        invite_code = "".join(secrets.choice(alphabet) for _ in range(20))  #@safe
        salt = os.urandom(16)
        stored = hashlib.pbkdf2_hmac("sha256", invite_code.encode(), salt, 310_000)  #@safe
        self.application.settings["invites"][uid] = (salt, stored)
        self.write({"invite_code": invite_code})


class ProfileCardHandler(tornado.web.RequestHandler):
    def get(self):
        title = self.get_argument("title", "")
        self.write("<div class='card'><h3>" + title + "</h3></div>")  #@vuln CWE-79

    def post(self):
        title = self.get_argument("title", "")
        self.write("<div class='card'><h3>" + tornado.escape.xhtml_escape(title) + "</h3></div>")  #@safe


ROUTES = [
    (r"/people", PersonSearchHandler),
    (r"/people/by-mail", PersonByMailHandler),
    (r"/people/([^/]+)/manager", ManagerChainHandler),
    (r"/orgchart/import", OrgChartImportHandler),
    (r"/orgchart/import-safe", OrgChartImportSafeHandler),
    (r"/people/([a-z0-9.]+)/temp-password", TempPasswordHandler),
    (r"/people/([a-z0-9.]+)/invite", InviteHandler),
    (r"/card", ProfileCardHandler),
]


def make_app():
    return tornado.web.Application(ROUTES, pending={}, invites={}, debug=True)  #@vuln CWE-489|CWE-215


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
