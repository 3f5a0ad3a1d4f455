"""Ledger HTTP API (Starlette + asyncpg)."""
import base64
import html
import json
import logging
import os
import pickle

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route

from common import settings
from common.crypto import hash_password, make_reset_token, make_session_id, verify_token
from ledger_api import repository as repo

log = logging.getLogger("ledger")
EXPORT_ROOT = os.path.realpath(settings.STORAGE.export_dir)
SAFE_REDIRECTS = {"/", "/accounts", "/statements", "/settings"}


def _pool(request: Request):
    return request.app.state.pool


def _current_user(request: Request) -> dict:
    auth = request.headers.get("authorization", "")
    if not auth.startswith("Bearer "):
        raise HTTPException(401)
    return verify_token(auth[7:])


async def list_transactions(request: Request):
    user = _current_user(request)
    account_id = request.path_params["account_id"]
    account = await repo.get_account(_pool(request), account_id)
    if not account or str(account["owner_id"]) != user["sub"]:
        raise HTTPException(404)
    rows = await repo.transactions_for(_pool(request), account_id, request.query_params.get("sort", "created_at"))
    return JSONResponse([dict(r) | {"amount": str(r["amount"]), "created_at": r["created_at"].isoformat()} for r in rows])


async def search(request: Request):
    user = _current_user(request)
    q = request.query_params.get("q", "").strip()
    rows = await repo.search_memo(_pool(request), int(user["sub"]), q)
    if not rows:
        return HTMLResponse(f"<p class='empty'>No transactions match <b>{html.escape(q)}</b></p>")  #@safe
    items = "".join(f"<li>{html.escape(r['memo'] or '')} &mdash; {r['amount']}</li>" for r in rows)
    return HTMLResponse(f"<h3>Results for {q}</h3><ul>{items}</ul>")  #@vuln CWE-79


async def statement(request: Request):
    _current_user(request)
    rows = await repo.statement(_pool(request), request.path_params["account_id"], request.query_params["from"], request.query_params["to"])
    return JSONResponse({"count": len(rows), "items": [{k: str(v) for k, v in r.items()} for r in rows]})


async def filtered(request: Request):
    _current_user(request)
    filters = dict(request.query_params)
    filters.pop("page", None)
    rows = await repo.filter_transactions(_pool(request), request.path_params["account_id"], filters)
    return JSONResponse([{k: str(v) for k, v in r.items()} for r in rows])


async def download_export(request: Request):
    _current_user(request)
    name = request.query_params["file"]
    return FileResponse(os.path.join(EXPORT_ROOT, name), filename=name)  #@vuln CWE-22


async def download_export_v2(request: Request):
    _current_user(request)
    name = request.path_params["name"]
    full = os.path.realpath(os.path.join(EXPORT_ROOT, name))
    if not full.startswith(EXPORT_ROOT + os.sep) or not os.path.isfile(full):
        raise HTTPException(404)
    return FileResponse(full, filename=os.path.basename(full))  #@safe


async def login(request: Request):
    form = await request.form()
    user = await repo.find_user(_pool(request), form.get("username", ""))
    if not user or user["password_hash"] != hash_password(form.get("password", "")):
        return HTMLResponse("<p>Invalid credentials</p>", status_code=401)
    sid = make_session_id()
    await request.app.state.sessions.set(sid, json.dumps({"uid": user["id"]}), ex=settings.SESSION_TTL_SECONDS)
    resp = RedirectResponse(request.query_params.get("next", "/"), status_code=303)  #@vuln CWE-601
    resp.set_cookie("ledger_sid", sid, max_age=settings.SESSION_TTL_SECONDS, httponly=True, samesite="lax")  #@vuln CWE-614
    return resp


async def logout(request: Request):
    target = request.query_params.get("next", "/")
    resp = RedirectResponse(target if target in SAFE_REDIRECTS else "/", status_code=303)  #@safe
    resp.delete_cookie("ledger_sid")
    return resp


async def forgot_password(request: Request):
    body = await request.json()
    user = await repo.find_user(_pool(request), body.get("username", ""))
    if user:
        token = make_reset_token()
        await repo.store_reset_token(_pool(request), user["id"], token)
        await request.app.state.mailer.send_reset(user["username"], token)
    return JSONResponse({"status": "sent"})


async def change_email(request: Request):
    user = _current_user(request)
    body = await request.json()
    await repo.update_email(_pool(request), int(user["sub"]), body["email"])
    return JSONResponse({"ok": True})


async def import_preferences(request: Request):
    user = _current_user(request)
    raw = await request.body()
    prefs = pickle.loads(base64.b64decode(raw))  #@vuln CWE-502
    await request.app.state.sessions.set(f"prefs:{user['sub']}", json.dumps(prefs))
    return JSONResponse({"imported": len(prefs)})


async def on_startup():
    app.state.pool = await repo.create_pool(settings.LEDGER_DSN)


routes = [
    Route("/accounts/{account_id:int}/transactions", list_transactions),
    Route("/accounts/{account_id:int}/statement", statement),
    Route("/accounts/{account_id:int}/filter", filtered),
    Route("/search", search),
    Route("/exports", download_export),
    Route("/exports/{name}", download_export_v2),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout),
    Route("/password/forgot", forgot_password, methods=["POST"]),
    Route("/me/email", change_email, methods=["PUT"]),
    Route("/me/preferences/import", import_preferences, methods=["POST"]),
]

middleware = [
    Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"]),  #@vuln CWE-942
]

app = Starlette(debug=True, routes=routes, middleware=middleware, on_startup=[on_startup])  #@vuln CWE-489|CWE-215
