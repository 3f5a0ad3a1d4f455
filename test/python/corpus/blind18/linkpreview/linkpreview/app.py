import marshal
import os
from html import escape

import aiohttp
from aiohttp import web

from . import settings
from .fetcher import extract_meta, fetch_html, fetch_image, fetch_oembed

routes = web.RouteTableDef()


async def _load_preview(app, url):
    if url in app["cache"]:
        return app["cache"][url]
    meta = extract_meta(await fetch_html(app["http"], url), url)
    if meta.get("oembed"):
        try:
            meta["embed"] = await fetch_oembed(app["http"], meta["oembed"], url)
        except aiohttp.ClientError:
            meta["embed"] = None
    app["cache"][url] = meta
    return meta


@routes.get("/preview")
async def preview(request):
    url = request.query.get("url", "")
    try:
        meta = await _load_preview(request.app, url)
    except aiohttp.ClientError as exc:
        return web.Response(text=f"<p>Could not load <code>{url}</code>: {exc}</p>", content_type="text/html", status=502)  #@vuln CWE-79
    return web.json_response(meta)


@routes.get("/card")
async def card(request):
    url = request.query.get("url", "")
    try:
        meta = await _load_preview(request.app, url)
    except aiohttp.ClientError:
        raise web.HTTPBadGateway()
    title, desc = escape(meta.get("title") or url), escape(meta.get("description", ""))
    return web.Response(text=f'<div class="lp-card"><h3>{title}</h3><p>{desc}</p><small>{escape(url)}</small></div>', content_type="text/html")  #@safe


@routes.get("/image")
async def image(request):
    try:
        body, content_type = await fetch_image(request.app["http"], request.query.get("src", ""))
    except ValueError:
        raise web.HTTPForbidden()
    return web.Response(body=body, content_type=content_type.split(";")[0])


@routes.get("/theme")
async def theme(request):
    name = request.query.get("file", "default.css")
    return web.FileResponse(os.path.join(settings.THEME_DIR, name))  #@vuln CWE-22


@routes.post("/admin/cache/warm")
async def warm_cache(request):
    entries = marshal.loads(await request.read())  #@vuln CWE-502
    request.app["cache"].update(entries)
    return web.json_response({"warmed": len(entries)})


async def on_startup(app):
    app["http"] = aiohttp.ClientSession(headers={"User-Agent": settings.USER_AGENT})
    app["cache"] = {}


async def on_cleanup(app):
    await app["http"].close()


def create_app():
    app = web.Application(client_max_size=settings.MAX_BYTES)
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=settings.LISTEN_PORT)
