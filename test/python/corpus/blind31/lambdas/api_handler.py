"""API Gateway (REST, Lambda proxy integration) handler for the infra self-service API."""
import datetime
import hashlib
import json
import logging
import os
import urllib.request
from urllib.parse import urlparse

import boto3
import jwt

from common.http import fetch
from lambdas import repo

log = logging.getLogger()
log.setLevel(logging.INFO)

JWT_SECRET = os.environ.get("JWT_SECRET", "infra-api-dev-secret-5b1e")  #@vuln CWE-798
GITHUB_HOOK_SECRET = os.environ.get("GITHUB_HOOK_SECRET", "")
TASK_QUEUE_URL = os.environ.get("TASK_QUEUE_URL", "")
TRUSTED_ORIGINS = {"https://infra.corp.internal", "https://portal.corp.internal"}

sqs = boto3.client("sqs")


class HttpError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _headers(event):
    return {k.lower(): v for k, v in (event.get("headers") or {}).items()}


def _cors(event):
    origin = _headers(event).get("origin", "")
    if origin in TRUSTED_ORIGINS:
        return {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"}  #@safe
    return {}


def _cors_widget(event):
    # the status widget is embedded on partner dashboards, so allow whoever asks
    origin = _headers(event).get("origin", "*")
    return {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true"}  #@vuln CWE-942


def _json(status, body, cors=None):
    headers = {"Content-Type": "application/json"}
    headers.update(cors or {})
    return {"statusCode": status, "headers": headers, "body": json.dumps(body, default=str)}


def _html(status, markup, cors=None):
    headers = {"Content-Type": "text/html; charset=utf-8"}
    headers.update(cors or {})
    return {"statusCode": status, "headers": headers, "body": markup}


def _user(event):
    auth = _headers(event).get("authorization", "")
    if not auth.startswith("Bearer "):
        raise HttpError(401, "missing bearer token")
    try:
        return jwt.decode(auth[7:], JWT_SECRET, algorithms=["HS256"], audience="infra-api")  #@safe
    except jwt.PyJWTError as exc:
        raise HttpError(401, str(exc))


def _legacy_claims(event):
    """The old portal sets an `infra_jwt` cookie; its signing key lives only in the portal."""
    cookies = dict(c.split("=", 1) for c in _headers(event).get("cookie", "").split("; ") if "=" in c)
    token = cookies.get("infra_jwt", "")
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def list_instances(event, params, path_params, body):
    user = _user(event)
    rows = repo.list_instances(user["team"], params.get("state"), params.get("sort", "launched_at"))
    return _json(200, rows, _cors(event))


def search_instances(event, params, path_params, body):
    user = _user(event)
    return _json(200, repo.search_instances(user["team"], params.get("q", "")), _cors(event))


def set_owner(event, params, path_params, body):
    user = _user(event)
    data = json.loads(body or "{}")
    changed = repo.set_owner(path_params["id"], data["owner"])
    repo.record_audit({"actor": user["sub"], "action": "set_owner", "target": path_params["id"], "ts": datetime.datetime.utcnow()})
    return _json(200, {"updated": changed}, _cors(event))


def cost_report(event, params, path_params, body):
    claims = _legacy_claims(event)
    if "finance" not in claims.get("groups", []):
        raise HttpError(403, "finance only")
    rows = repo.cost_breakdown(params.get("month", datetime.date.today().strftime("%Y-%m")), params.get("group_by", "team"))
    return _json(200, rows, _cors(event))


def audit_search(event, params, path_params, body):
    _user(event)
    data = json.loads(body or "{}")
    return _json(200, repo.find_audit(data.get("filter", {}), int(data.get("limit", 100))), _cors(event))


def status_widget(event, params, path_params, body):
    service = params.get("service", "all")
    theme = "dark" if params.get("theme") == "dark" else "light"
    return _html(200, f"<div class='status {theme}'><h3>{service}</h3><span id='state'>operational</span></div>", _cors_widget(event))  #@vuln CWE-79


def sso_callback(event, params, path_params, body):
    next_url = params.get("next", "/")
    return {"statusCode": 302, "headers": {"Location": next_url}, "body": ""}  #@vuln CWE-601


def logout(event, params, path_params, body):
    next_url = params.get("next", "/")
    if urlparse(next_url).netloc or not next_url.startswith("/") or next_url.startswith("//") or "\\" in next_url:
        next_url = "/"
    return {"statusCode": 302, "headers": {"Location": next_url, "Set-Cookie": "infra_jwt=; Max-Age=0; Path=/; Secure; HttpOnly"}, "body": ""}  #@safe


def probe(event, params, path_params, body):
    _user(event)
    data = json.loads(body or "{}")
    resp = fetch(data["url"], timeout=5)
    return _json(200, {"status": resp.status_code, "bytes": len(resp.content)}, _cors(event))


def register_callback(event, params, path_params, body):
    user = _user(event)
    data = json.loads(body or "{}")
    with urllib.request.urlopen(data["callbackUrl"], timeout=5) as r:  #@vuln CWE-918
        reachable = r.status == 200
    repo.record_audit({"actor": user["sub"], "action": "register_callback", "target": data["callbackUrl"], "ok": reachable})
    return _json(200, {"reachable": reachable}, _cors(event))


def deploy_hook(event, params, path_params, body):
    signature = _headers(event).get("x-hub-signature", "").removeprefix("md5=")
    expected = hashlib.md5((GITHUB_HOOK_SECRET + (body or "")).encode()).hexdigest()  #@vuln CWE-328|CWE-327
    if signature != expected:
        raise HttpError(401, "bad signature")
    payload = json.loads(body)
    task = {"kind": "sync", "src": f"s3://corp-infra-artifacts/{payload['repository']['name']}/", "dst": "/srv/releases/"}
    sqs.send_message(QueueUrl=TASK_QUEUE_URL, MessageBody=json.dumps(task))
    return _json(202, {"queued": True})


ROUTES = {
    ("GET", "/instances"): list_instances,
    ("GET", "/instances/search"): search_instances,
    ("PUT", "/instances/{id}/owner"): set_owner,
    ("GET", "/reports/cost"): cost_report,
    ("POST", "/audit/search"): audit_search,
    ("GET", "/widget/status"): status_widget,
    ("GET", "/sso/callback"): sso_callback,
    ("GET", "/logout"): logout,
    ("POST", "/probe"): probe,
    ("POST", "/callbacks"): register_callback,
    ("POST", "/hooks/deploy"): deploy_hook,
}


def handler(event, context):
    route = ROUTES.get((event.get("httpMethod"), event.get("resource")))
    if route is None:
        return _json(404, {"error": "no such route"})
    try:
        return route(event, event.get("queryStringParameters") or {}, event.get("pathParameters") or {}, event.get("body"))
    except HttpError as exc:
        return _json(exc.status, {"error": str(exc)}, _cors(event))
    except (KeyError, ValueError) as exc:
        log.info("bad request: %r", exc)
        return _json(400, {"error": "bad request"}, _cors(event))
