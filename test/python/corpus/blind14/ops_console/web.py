import ast
import marshal
import os

import bottle
from bottle import Bottle, abort, request, response, static_file, template

from .conf import ALLOWED_SERVICES, ARTIFACT_DIR, LOG_DIR
from .shell import ping_host, restart_service, tail_log

app = Bottle()


@app.get("/net/ping")
def ping():
    response.content_type = "text/plain"
    return ping_host(request.params.get("host", "localhost"))


@app.post("/services/<name>/restart")
def restart(name):
    rc = restart_service(name)
    return {"service": name, "rc": rc}


@app.get("/services/<name>/logs")
def service_logs(name):
    if name not in ALLOWED_SERVICES:
        abort(404)
    response.content_type = "text/plain"
    return tail_log(name, int(request.query.get("lines", 200)))


@app.get("/calc")
def calc():
    expr = request.query.get("expr", "0")
    return {"expr": expr, "result": eval(expr)}  #@vuln CWE-95|CWE-94


@app.get("/thresholds")
def thresholds():
    value = ast.literal_eval(request.query.get("value", "[]"))  #@safe
    return {"thresholds": list(value)}


@app.post("/checks/load")
def load_check():
    code = marshal.loads(request.body.read())  #@vuln CWE-502
    namespace = {"__name__": "ops_check"}
    exec(code, namespace)  #@vuln CWE-95|CWE-94
    return {"loaded": sorted(k for k in namespace if not k.startswith("_"))}


@app.get("/logs/<filename>")
def logs(filename):
    return static_file(filename, root=LOG_DIR, mimetype="text/plain")  #@safe


@app.get("/artifacts")
def artifact():
    rel = request.query.get("path", "")
    with open(os.path.join(ARTIFACT_DIR, rel), "rb") as fh:  #@vuln CWE-22
        data = fh.read()
    response.content_type = "application/octet-stream"
    return data


@app.get("/hello")
def hello():
    name = request.query.get("name", "operator")
    response.set_cookie("last_operator", name, path="/", max_age=30 * 86400)  #@vuln CWE-614|CWE-1004
    return template("<h3>Welcome back, {{!name}}</h3><p>Last login: {{when}}</p>", name=name, when="today")  #@vuln CWE-79


if __name__ == "__main__":
    bottle.debug(True)  #@vuln CWE-489|CWE-215
    bottle.run(app, host="0.0.0.0", port=8081, reloader=True)
