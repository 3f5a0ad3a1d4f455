import uvicorn
import tornado.web
from fastapi import FastAPI
from werkzeug.serving import run_simple

api = FastAPI(debug=True, title="inventory")  #@vuln CWE-489|CWE-215


def make_tornado():
    return tornado.web.Application([], debug=True, cookie_secret="t0rnad0-c00kie-s3cret")  #@vuln CWE-489|CWE-215|CWE-798


class Handler(tornado.web.RequestHandler):
    def get(self):
        self.set_cookie("session", self.get_argument("s"))  #@vuln CWE-614|CWE-1004
        self.set_secure_cookie("user", "x")  #@safe


def serve():
    run_simple("localhost", 8000, api, use_debugger=True, use_reloader=True)  #@vuln CWE-489|CWE-215
    uvicorn.run("asgi:api", host="127.0.0.1", port=8000, debug=True)  #@vuln CWE-489|CWE-215
