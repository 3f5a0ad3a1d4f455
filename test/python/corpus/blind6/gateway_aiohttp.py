"""Edge gateway service (aiohttp)."""
import html
import ipaddress
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import asyncpg
from aiohttp import web

ASSET_ROOT = Path(os.environ.get("ASSET_ROOT", "/srv/gateway/assets")).resolve()
UPSTREAMS = {
    "billing": "http://billing.internal:8080",
    "search": "http://search.internal:9200",
}

routes = web.RouteTableDef()


async def _download(url: str) -> bytes:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:  #@vuln CWE-918
            return await resp.read()


def _is_public(hostname: str) -> bool:
    try:
        infos = socket.getaddrinfo(hostname, None)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(i[4][0]).is_global for i in infos)


@routes.get("/proxy")
async def proxy(request: web.Request) -> web.Response:
    target = request.query.get("url", "")
    body = await _download(target)
    return web.Response(body=body, content_type="application/octet-stream")


@routes.get("/upstream/{name}/{tail:.*}")
async def upstream(request: web.Request) -> web.Response:
    base = UPSTREAMS.get(request.match_info["name"])
    if base is None:
        raise web.HTTPNotFound()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base}/{request.match_info['tail']}", params=request.query) as resp:  #@safe
            return web.Response(body=await resp.read(), status=resp.status)


@routes.post("/avatar/import")
async def import_avatar(request: web.Request) -> web.Response:
    form = await request.post()
    parts = urlsplit(str(form.get("url", "")))
    if parts.scheme != "https" or not parts.hostname or not _is_public(parts.hostname):
        raise web.HTTPBadRequest(text="url not allowed")
    async with aiohttp.ClientSession() as session:
        async with session.get(parts.geturl(), allow_redirects=False, ssl=False) as resp:  #@vuln CWE-295
            data = await resp.read()
    return web.json_response({"size": len(data)})


@routes.get("/assets/{name}")
async def asset(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    return web.FileResponse(os.path.join(str(ASSET_ROOT), name))  #@vuln CWE-22


@routes.get("/assets-v2/{name}")
async def asset_v2(request: web.Request) -> web.StreamResponse:
    candidate = (ASSET_ROOT / request.match_info["name"]).resolve()
    if ASSET_ROOT not in candidate.parents:
        raise web.HTTPForbidden()
    return web.FileResponse(candidate)  #@safe


@routes.get("/users/{username}")
async def user_profile(request: web.Request) -> web.Response:
    pool: asyncpg.Pool = request.app["db"]
    username = request.match_info["username"]
    row = await pool.fetchrow(f"SELECT id, display_name FROM users WHERE username = '{username}'")  #@vuln CWE-89
    if row is None:
        raise web.HTTPNotFound()
    return web.json_response(dict(row))


@routes.get("/users/{username}/v2")
async def user_profile_v2(request: web.Request) -> web.Response:
    pool: asyncpg.Pool = request.app["db"]
    row = await pool.fetchrow("SELECT id, display_name FROM users WHERE username = $1", request.match_info["username"])  #@safe
    return web.json_response(dict(row) if row else {})


@routes.post("/users/bulk-disable")
async def bulk_disable(request: web.Request) -> web.Response:
    payload = await request.json()
    ids = ",".join(payload["ids"])
    async with request.app["db"].acquire() as conn:
        await conn.execute("UPDATE users SET disabled = true WHERE id IN (" + ids + ")")  #@vuln CWE-89
    return web.json_response({"ok": True})


@routes.get("/hello")
async def hello(request: web.Request) -> web.Response:
    who = request.query.get("who", "stranger")
    return web.Response(text=f"<p>Hi {who}</p>", content_type="text/html")  #@vuln CWE-79


@routes.get("/hello-v2")
async def hello_v2(request: web.Request) -> web.Response:
    who = html.escape(request.query.get("who", "stranger"))
    return web.Response(text=f"<p>Hi {who}</p>", content_type="text/html")  #@safe


@routes.get("/go")
async def go(request: web.Request) -> web.Response:
    raise web.HTTPFound(request.query["to"])  #@vuln CWE-601


async def init_db(app: web.Application):
    app["db"] = await asyncpg.create_pool(dsn=os.environ["GATEWAY_DSN"])
    yield
    await app["db"].close()


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    app.cleanup_ctx.append(init_db)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=int(os.environ.get("PORT", "8081")))
