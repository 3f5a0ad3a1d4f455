"""Feed aggregator + webhook fan-out (aiohttp server and client)."""
from __future__ import annotations

import json
import logging
import os
import tempfile
from urllib.parse import urlparse

import aiohttp
import yaml
from aiohttp import web

from common.crypto import make_session_id, sign_webhook
from common.fetch import fetch_allowed_feed, fetch_text, post_webhook

log = logging.getLogger("feeds")
routes = web.RouteTableDef()
STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")
OPML_DIR = "/srv/feeds/opml"


@routes.get("/preview")
async def preview(request: web.Request) -> web.Response:
    url = request.query["url"]
    body = await fetch_text(request.app["http"], url)
    return web.json_response({"url": url, "length": len(body), "head": body[:500]})


@routes.get("/feeds/curated")
async def curated(request: web.Request) -> web.Response:
    body = await fetch_allowed_feed(request.app["http"], request.query["url"])
    return web.Response(text=body, content_type="application/rss+xml")


@routes.get("/proxy/avatar")
async def avatar_proxy(request: web.Request) -> web.Response:
    src = request.query.get("src", "")
    session: aiohttp.ClientSession = request.app["http"]
    async with session.get(src) as resp:  #@vuln CWE-918
        data = await resp.read()
    return web.Response(body=data, content_type=resp.headers.get("Content-Type", "image/png"))


@routes.post("/subscriptions")
async def subscribe(request: web.Request) -> web.Response:
    data = await request.json()
    callback = data["callback_url"]
    if urlparse(callback).scheme not in ("http", "https"):
        raise web.HTTPBadRequest(text="callback must be http(s)")
    sub_id = make_session_id()[:16]
    request.app["subs"][sub_id] = {"callback_url": callback, "secret": data.get("secret", "")}
    return web.json_response({"id": sub_id}, status=201)


@routes.post("/subscriptions/{sub_id}/test")
async def test_subscription(request: web.Request) -> web.Response:
    sub = request.app["subs"].get(request.match_info["sub_id"])
    if sub is None:
        raise web.HTTPNotFound()
    payload = {"event": "test"}
    sig = sign_webhook(json.dumps(payload).encode(), sub["secret"].encode())
    status = await post_webhook(request.app["http"], sub["callback_url"], payload, sig)
    return web.json_response({"delivered": status})


@routes.post("/config/import")
async def import_config(request: web.Request) -> web.Response:
    text = await request.text()
    if request.query.get("strict") == "1":
        cfg = yaml.safe_load(text)  #@safe
    else:
        cfg = yaml.load(text, Loader=yaml.Loader)  #@vuln CWE-502
    request.app["feed_config"].update(cfg or {})
    return web.json_response({"keys": sorted(request.app["feed_config"])})


@routes.post("/opml/upload")
async def opml_upload(request: web.Request) -> web.Response:
    raw = await request.read()
    path = tempfile.mktemp(suffix=".opml", dir=OPML_DIR)  #@vuln CWE-377
    with open(path, "wb") as fh:
        fh.write(raw)
    return web.json_response({"stored": os.path.basename(path)})


@routes.post("/opml/validate")
async def opml_validate(request: web.Request) -> web.Response:
    raw = await request.read()
    with tempfile.NamedTemporaryFile(suffix=".opml", dir=OPML_DIR, delete=False) as tmp:  #@safe
        tmp.write(raw)
    return web.json_response({"bytes": len(raw), "tmp": os.path.basename(tmp.name)})


@routes.get("/opml/{name}")
async def opml_download(request: web.Request) -> web.StreamResponse:
    name = request.query.get("file") or request.match_info["name"]
    return web.FileResponse(os.path.join(OPML_DIR, name))  #@vuln CWE-22


@routes.get("/feeds/{feed_id}/title")
async def feed_title(request: web.Request) -> web.Response:
    title = request.query.get("title", request.match_info["feed_id"])
    return web.Response(text=f"<html><body><h1>{title}</h1></body></html>", content_type="text/html")  #@vuln CWE-79


@routes.get("/go")
async def go(request: web.Request) -> web.Response:
    raise web.HTTPFound(location=request.query.get("to", "/"))  #@vuln CWE-601


@routes.get("/out/{feed_id}")
async def outbound(request: web.Request) -> web.Response:
    feed = request.app["feeds"].get(request.match_info["feed_id"])
    if feed is None:
        raise web.HTTPNotFound()
    raise web.HTTPFound(location=feed["homepage"])  #@safe


async def _http_session(app: web.Application):
    app["http"] = aiohttp.ClientSession(headers={"User-Agent": "feeds-bot/1.4"})
    yield
    await app["http"].close()


def create_app() -> web.Application:
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app["subs"] = {}
    app["feeds"] = {"hn": {"homepage": "https://news.ycombinator.com/"}, "lwn": {"homepage": "https://lwn.net/"}}
    app["feed_config"] = {}
    app.cleanup_ctx.append(_http_session)
    app.add_routes(routes)
    app.router.add_static("/static/", STATIC_DIR, follow_symlinks=False)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), host="0.0.0.0", port=int(os.environ.get("FEEDS_PORT", "8081")))
