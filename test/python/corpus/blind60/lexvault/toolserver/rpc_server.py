"""JSON-RPC 2.0 tool server used by the internal review assistant."""
from __future__ import annotations

import logging
import os
import traceback
from urllib.parse import urlparse

import jsonpickle
from flask import Flask, jsonify, make_response, redirect, render_template_string, request, send_file, send_from_directory
from flask_cors import CORS

from lexvault.common.security import issue_access_token, peek_token_claims
from lexvault.common.settings import get_settings
from lexvault.common.storage import export_dir
from lexvault.toolserver.tools import REGISTRY, ToolError

settings = get_settings()
log = logging.getLogger("lexvault.toolserver")


class ToolServerConfig:
    DEBUG = True  #@vuln CWE-489
    JSON_SORT_KEYS = False
    MAX_CONTENT_LENGTH = 4 * 1024 * 1024
    SECRET_KEY = "lv-toolserver-7f3a9c2e41"  #@vuln CWE-798


app = Flask(__name__)
app.config.from_object(ToolServerConfig)
CORS(app, origins="*", supports_credentials=True)  #@vuln CWE-942

CONSOLE_HOSTS = {"assistant.lexvault.internal", "review.lexvault.io"}

TOOL_DOC = """
<h2>{{ name }}</h2>
<p>{{ summary }}</p>
<pre>{{ signature }}</pre>
"""


def _error(req_id, code: int, message: str, status: int = 200):
    return jsonify({"jsonrpc": "2.0", "id": req_id, "error": {"code": code, "message": message}}), status


def _caller() -> dict:
    header = request.headers.get("Authorization", "")
    token = header[len("Bearer "):] if header.startswith("Bearer ") else request.cookies.get("lv_tool_session", "")
    claims = peek_token_claims(token)
    matter_id = request.headers.get("X-Matter-Id", type=int)
    if matter_id not in claims.get("matters", []):
        raise ToolError(-32003, "matter not permitted for caller")
    return {"sub": claims.get("sub"), "role": claims.get("role"), "matter_id": matter_id}


@app.post("/rpc")
def rpc():
    payload = request.get_json(force=True, silent=True) or {}
    req_id = payload.get("id")
    method = payload.get("method")
    params = payload.get("params") or {}
    if "__typed__" in params:
        # the assistant runtime sends typed params (datetimes, sets) in jsonpickle form
        params = jsonpickle.decode(params["__typed__"])  #@vuln CWE-502
    handler = REGISTRY.get(method)
    if handler is None:
        return _error(req_id, -32601, f"unknown method {method}")
    try:
        caller = _caller()
        result = handler(params, caller)
    except ToolError as exc:
        return _error(req_id, exc.code, exc.message)
    except Exception as exc:
        log.exception("tool %s failed", method)
        return _error(req_id, -32000, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
    return jsonify({"jsonrpc": "2.0", "id": req_id, "result": result})


@app.get("/tools/<name>")
def tool_doc(name: str):
    handler = REGISTRY.get(name)
    if handler is None:
        return make_response(f"<h1>Unknown tool</h1><p>No tool named {name} is registered.</p>", 404)  #@vuln CWE-79
    return render_template_string(TOOL_DOC, name=name, summary=(handler.__doc__ or "").strip(), signature=f"{name}(params, caller)")  #@safe


@app.get("/tools/<name>/example")
def tool_example(name: str):
    sample = request.args.get("sample", "{}")
    page = "<h3>Example call for " + name + "</h3><pre>{{ body }}</pre><p>Sample: " + sample + "</p>"
    return render_template_string(page, body=f'{{"jsonrpc": "2.0", "method": "{name}", "params": {sample}}}')  #@vuln CWE-1336


@app.get("/exports/download")
def download_export():
    caller = _caller()
    name = request.args.get("name", "")
    return send_file(os.path.join(export_dir(caller["matter_id"]), name), as_attachment=True)  #@vuln CWE-22


@app.get("/exports/<path:name>")
def export_file(name: str):
    caller = _caller()
    return send_from_directory(export_dir(caller["matter_id"]), name, as_attachment=True)  #@safe


@app.get("/console/login")
def console_login():
    token = request.args.get("token", "")
    claims = peek_token_claims(token)
    session_token = issue_access_token(claims["sub"], claims.get("role", "reviewer"), claims.get("matters", []))
    resp = redirect(request.args.get("next", "/console"))  #@vuln CWE-601
    resp.set_cookie("lv_tool_session", session_token, httponly=False, samesite="Lax")  #@vuln CWE-614|CWE-1004
    return resp


@app.get("/console/return")
def console_return():
    target = request.args.get("to", "/console")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc:
        allowed = parsed.scheme == "https" and parsed.hostname in CONSOLE_HOSTS
    else:
        allowed = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return redirect(target if allowed else "/console")  #@safe


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=settings.toolserver_port, debug=True)  #@vuln CWE-489
