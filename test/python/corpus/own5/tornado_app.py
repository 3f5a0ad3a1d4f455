"""Tornado inventory service: handlers reading arguments and bodies."""
import json
import os
import sqlite3
import subprocess

import tornado.ioloop
import tornado.web
import requests

DB = "/var/lib/inventory.db"
EXPORT_DIR = "/srv/exports"


def db():
    return sqlite3.connect(DB)


class ItemHandler(tornado.web.RequestHandler):
    def get(self):
        sku = self.get_argument("sku")
        cur = db().cursor()
        cur.execute("SELECT * FROM items WHERE sku = '%s'" % sku)  #@vuln CWE-89
        self.write(json.dumps(cur.fetchall()))

    def post(self):
        payload = json.loads(self.request.body)
        name = payload["name"]
        cur = db().cursor()
        cur.execute("INSERT INTO items (name) VALUES (?)", (name,))  #@safe
        self.write({"ok": True})


class SearchHandler(tornado.web.RequestHandler):
    def get(self):
        term = self.get_query_argument("q", "")
        self.write("<h1>Results for " + term + "</h1>")  #@vuln CWE-79

    def put(self):
        term = self.get_query_argument("q", "")
        self.render("search.html", term=term)  #@safe


class ExportHandler(tornado.web.RequestHandler):
    def initialize(self, base):
        self.base = base

    def prepare(self):
        self.fmt = self.get_argument("format", "csv")

    def get(self, name):
        path = os.path.join(EXPORT_DIR, name)
        with open(path, "rb") as fh:  #@vuln CWE-22
            self.write(fh.read())

    def post(self, name):
        subprocess.run("zip -r /tmp/out.zip " + self.fmt, shell=True)  #@vuln CWE-78

    def delete(self, name):
        subprocess.run(["rm", "-f", os.path.join(EXPORT_DIR, os.path.basename(name))])  #@safe


class ProxyHandler(tornado.web.RequestHandler):
    async def get(self):
        url = self.get_argument("url")
        resp = requests.get(url, timeout=5)  #@vuln CWE-918
        self.write(resp.text)  #@vuln CWE-79


def make_app():
    return tornado.web.Application(
        [(r"/item", ItemHandler), (r"/search", SearchHandler), (r"/export/(.*)", ExportHandler), (r"/proxy", ProxyHandler)],
        debug=True,  #@vuln CWE-489
    )


if __name__ == "__main__":
    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
