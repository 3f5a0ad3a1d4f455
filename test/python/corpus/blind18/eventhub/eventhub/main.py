import html
import os
import random
import secrets

import httpx
from starlette.applications import Starlette
from starlette.authentication import requires
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from . import config, rules
from .auth import BearerBackend, decode_callback_token, tenant_from_header
from .store import Event, EventStore

store = EventStore(config.MONGO_URL)


def _serialize(doc):
    doc["_id"] = str(doc["_id"])
    doc["ts"] = doc["ts"].isoformat()
    return doc


@requires("events:write")
async def ingest(request):
    body = await request.json()
    event = Event(tenant=tenant_from_header(request), actor=request.user.username, kind=body["kind"], payload=body.get("payload", {}))
    return JSONResponse({"id": await store.insert(event)}, status_code=201)


@requires("events:read")
async def search(request):
    tenant = tenant_from_header(request)
    if "amount" in request.query_params:
        docs = await store.by_amount(tenant, request.query_params["amount"])
    else:
        docs = await store.search(tenant, await request.json())
    return JSONResponse([_serialize(d) for d in docs])


@requires("events:read")
async def filtered(request):
    body = await request.json()
    docs = await store.by_actor(tenant_from_header(request), body["actor"])
    selected = [d for d in docs if rules.matches(body.get("rule", "True"), d)]
    if body.get("transform"):
        return JSONResponse([rules.run_transform(body["transform"], d) for d in selected])
    return JSONResponse([_serialize(d) for d in selected])


async def actor_page(request):
    actor = request.query_params.get("actor", "")
    return HTMLResponse(f"<h1>Activity for {actor}</h1><div id='feed' data-actor='{html.escape(actor, quote=True)}'></div>")  #@vuln CWE-79


async def download_export(request):
    tenant = tenant_from_header(request)
    name = request.query_params["name"]
    return FileResponse(os.path.join(config.EXPORT_DIR, tenant, name))  #@vuln CWE-22


async def download_export_v2(request):
    base = os.path.realpath(os.path.join(config.EXPORT_DIR, "shared"))
    name = os.path.basename(request.path_params["name"])
    path = os.path.realpath(os.path.join(base, name))
    if not path.startswith(base + os.sep) or not os.path.isfile(path):
        return Response(status_code=404)
    return FileResponse(path, filename=name)  #@safe


@requires("webhooks:write")
async def test_webhook(request):
    body = await request.json()
    async with httpx.AsyncClient(timeout=config.WEBHOOK_TIMEOUT) as client:
        resp = await client.post(body["url"], json={"kind": "ping", "tenant": tenant_from_header(request)})  #@vuln CWE-918
    return JSONResponse({"status": resp.status_code})


@requires("keys:write")
async def create_api_key(request):
    key_id = "ak_" + secrets.token_hex(8)  #@safe
    key_secret = "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330
    return JSONResponse({"id": key_id, "secret": key_secret}, status_code=201)


async def callback(request):
    claims = decode_callback_token(request.query_params["token"])
    response = RedirectResponse(request.query_params.get("return_to", "/"))  #@vuln CWE-601
    response.set_cookie("eh_tenant", claims["tenant"], max_age=3600)  #@vuln CWE-614|CWE-1004
    return response


async def start_session(request):
    sid = secrets.token_urlsafe(32)
    response = JSONResponse({"ok": True})
    response.set_cookie("eh_session", sid, max_age=3600, secure=True, httponly=True, samesite="strict")  #@safe
    return response


routes = [
    Route("/events", ingest, methods=["POST"]),
    Route("/events/search", search, methods=["POST"]),
    Route("/events/filter", filtered, methods=["POST"]),
    Route("/ui/actor", actor_page),
    Route("/exports", download_export),
    Route("/exports/shared/{name}", download_export_v2),
    Route("/webhooks/test", test_webhook, methods=["POST"]),
    Route("/keys", create_api_key, methods=["POST"]),
    Route("/callback", callback),
    Route("/session", start_session, methods=["POST"]),
]

middleware = [Middleware(AuthenticationMiddleware, backend=BearerBackend())]

app = Starlette(debug=True, routes=routes, middleware=middleware, on_shutdown=[store.close])  #@vuln CWE-489|CWE-215
