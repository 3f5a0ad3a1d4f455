"""JSON-RPC 2.0 endpoint (json-rpc + werkzeug) used by the admin app and the
browser widgets embedded in the dashboard.

    python -m rpc.jsonrpc_service
"""
import ast
import logging
import math

import requests
import yaml
from jsonrpc import JSONRPCResponseManager, dispatcher
from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

from common import config, db, fetch
from common.security import decode_token, new_api_key
from . import inventory

log = logging.getLogger("ops.jsonrpc")

SAFE_MATH = {name: getattr(math, name) for name in ("sqrt", "log", "log10", "ceil", "floor", "fabs")}


@dispatcher.add_method(name="metrics.evaluate")
def evaluate(expression, values=None):
    """Evaluate an alert expression such as "load1 / cpus > 2"."""
    ns = dict(SAFE_MATH)
    ns.update(values or {})
    return eval(expression, {"__builtins__": {}}, ns)  #@vuln CWE-95


@dispatcher.add_method(name="metrics.parse_threshold")
def parse_threshold(literal):
    value = ast.literal_eval(literal)  #@safe
    if not isinstance(value, (int, float, list, tuple)):
        raise ValueError("threshold must be a number or a list of numbers")
    return value


@dispatcher.add_method(name="hosts.query")
def hosts_query(filter=None, limit=100):  # noqa: A002 - public RPC name
    return inventory.query_hosts(filter or {}, limit)


@dispatcher.add_method(name="hosts.by_owner")
def hosts_by_owner(owner):
    return inventory.hosts_matching_owner(owner)


@dispatcher.add_method(name="hosts.by_tag")
def hosts_by_tag(tag):
    return inventory.hosts_by_tag(tag)


@dispatcher.add_method(name="hosts.count")
def hosts_count(status="up"):
    with db.connect() as conn:
        return conn.execute("SELECT COUNT(*) FROM hosts WHERE status = '%s'" % status).fetchone()[0]  #@vuln CWE-89


@dispatcher.add_method(name="hosts.check_url")
def check_url(url):
    resp = requests.get(url, timeout=5)  #@vuln CWE-918
    return {"status": resp.status_code, "elapsed": resp.elapsed.total_seconds(), "server": resp.headers.get("Server")}


@dispatcher.add_method(name="hosts.fetch_feed")
def fetch_feed(url):
    return fetch.fetch_public(url).decode("utf-8", "replace")


@dispatcher.add_method(name="jobs.restore")
def jobs_restore(state_yaml):
    state = yaml.load(state_yaml, Loader=yaml.UnsafeLoader)  #@vuln CWE-502
    return {"jobs": len(state.get("jobs", [])), "paused": bool(state.get("paused"))}


@dispatcher.add_method(name="jobs.preview")
def jobs_preview(state_yaml):
    state = yaml.safe_load(state_yaml) or {}  #@safe
    return [j.get("name") for j in state.get("jobs", [])]


@dispatcher.add_method(name="auth.whoami")
def whoami(token):
    claims = decode_token(token)
    return {"sub": claims.get("sub"), "role": claims.get("role", "viewer")}


@dispatcher.add_method(name="auth.issue_key")
def issue_key(token):
    claims = decode_token(token)
    if claims.get("role") != "admin":
        raise PermissionError("admin role required")
    key = new_api_key()
    with db.connect() as conn:
        db.AuditRepository(conn).record(claims.get("sub"), "issue-api-key", key[:8])
    return key


@Request.application
def application(request):
    if request.method == "OPTIONS":
        resp = Response(status=204)
    else:
        result = JSONRPCResponseManager.handle(request.get_data(as_text=True), dispatcher)
        resp = Response(result.json, mimetype="application/json")
    origin = request.headers.get("Origin")
    if origin:
        resp.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        resp.headers["Access-Control-Allow-Credentials"] = "true"
        resp.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
    return resp


def main():
    logging.basicConfig(level=logging.INFO)
    run_simple("0.0.0.0", config.JSONRPC_PORT, application, use_reloader=True, use_debugger=True)  #@vuln CWE-489|CWE-215


if __name__ == "__main__":
    main()
