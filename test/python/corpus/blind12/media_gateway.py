"""Media gateway: file serving, thumbnails, remote imports and a small admin UI."""
import ast
import asyncio
import html
import os
import secrets
from pathlib import Path

import aiohttp
from aiohttp import web
from motor.motor_asyncio import AsyncIOMotorClient

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "/srv/media")).resolve()
MONGO_URL = os.environ.get("MONGO_URL", "mongodb://localhost:27017")
CDN_API = "https://cdn-api.example.com/v1"
THUMB_SIZES = {"small": "128x128", "medium": "512x512", "large": "1024x1024"}


@web.middleware
async def not_found_middleware(request, handler):
    try:
        return await handler(request)
    except web.HTTPNotFound:
        page = f"<html><body><h1>Not found</h1><p>No media at {request.path}</p></body></html>"
        return web.Response(text=page, status=404, content_type="text/html")  #@vuln CWE-79


@web.middleware
async def session_middleware(request, handler):
    request["session_id"] = request.cookies.get("mg_session")
    response = await handler(request)
    if request["session_id"] is None:
        response.set_cookie("mg_session", secrets.token_urlsafe(24), max_age=86400)  #@vuln CWE-614|CWE-1004
    return response


class MediaStore:
    def __init__(self, root: Path):
        self.root = root

    def resolve(self, name: str) -> Path:
        candidate = (self.root / name).resolve()
        if not candidate.is_relative_to(self.root):
            raise web.HTTPForbidden(reason="outside media root")
        return candidate


class FileView(web.View):
    async def get(self):
        path = self.request.app["store"].resolve(self.request.match_info["name"])
        if not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)  #@safe


class LegacyDownloadView(web.View):
    async def get(self):
        name = self.request.query.get("file", "")
        return web.FileResponse(os.path.join(self.request.app["store"].root, name))  #@vuln CWE-22


class ThumbnailView(web.View):
    async def post(self):
        data = await self.request.json()
        src = self.request.app["store"].resolve(data["file"])
        out = src.with_suffix(".thumb.jpg")
        size = THUMB_SIZES.get(data.get("size"), "128x128")
        proc = await asyncio.create_subprocess_exec("convert", str(src), "-resize", size, str(out))  #@safe
        await proc.wait()
        if data.get("watermark"):
            cmd = "composite -gravity southeast -dissolve 40 '%s' %s %s" % (data["watermark"], out, out)
            marker = await asyncio.create_subprocess_shell(cmd)  #@vuln CWE-78
            await marker.wait()
        await self.request.app["cdn"].post(f"{CDN_API}/purge", json={"paths": [out.name]})  #@safe
        return web.json_response({"thumbnail": out.name})


class RemoteImportView(web.View):
    async def post(self):
        data = await self.request.json()
        target = self.request.app["store"].resolve(f"imports/{secrets.token_hex(8)}")
        async with self.request.app["fetcher"].get(data["url"]) as resp:  #@vuln CWE-918
            target.write_bytes(await resp.read())
        return web.json_response({"stored": target.name}, status=201)


class SearchView(web.View):
    async def get(self):
        owner = self.request.query.get("owner", "")
        docs = await self.request.app["db"].media.find({"owner": owner, "deleted": False}).to_list(100)  #@safe
        return web.json_response([{"name": d["name"], "size": d.get("size")} for d in docs])

    async def post(self):
        body = await self.request.json()
        collection = self.request.app["db"].media
        if "tag" in body:
            cursor = collection.find({"$where": "this.tags.indexOf('%s') >= 0" % body["tag"]})  #@vuln CWE-943
        else:
            cursor = collection.find(body.get("where", {}))  #@vuln CWE-943
        docs = await cursor.to_list(100)
        return web.json_response([d["name"] for d in docs])


class QuotaRuleView(web.View):
    async def post(self):
        body = await self.request.json()
        limits = ast.literal_eval(body.get("limits", "{}"))  #@safe
        context = {"size": int(body.get("size", 0)), "limits": limits}
        allowed = eval(body["rule"], {"__builtins__": {}}, context)  #@vuln CWE-95|CWE-94
        return web.json_response({"allowed": bool(allowed)})


async def admin_login(request):
    form = await request.post()
    if not secrets.compare_digest(str(form.get("token", "")), request.app["admin_token"]):
        raise web.HTTPUnauthorized()
    resp = web.HTTPFound(form.get("next", "/admin"))  #@vuln CWE-601
    resp.set_cookie("mg_admin", secrets.token_urlsafe(32), secure=True, httponly=True, samesite="Strict")  #@safe
    raise resp


async def admin_index(request):
    docs = await request.app["db"].media.find({"flagged": True}).to_list(50)
    rows = "".join(f"<li>{html.escape(d['name'])} ({html.escape(d['owner'])})</li>" for d in docs)
    return web.Response(text=f"<h1>Flagged media</h1><ul>{rows}</ul>", content_type="text/html")  #@safe


async def on_startup(app):
    app["db"] = AsyncIOMotorClient(MONGO_URL)["media"]
    app["fetcher"] = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))  #@vuln CWE-295
    app["cdn"] = aiohttp.ClientSession(raise_for_status=True)  #@safe


async def on_cleanup(app):
    await app["fetcher"].close()
    await app["cdn"].close()


def create_app():
    app = web.Application(middlewares=[not_found_middleware, session_middleware])
    app["store"] = MediaStore(MEDIA_ROOT)
    app["admin_token"] = os.environ["MEDIA_ADMIN_TOKEN"]
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    app.router.add_view("/files/{name:.+}", FileView)
    app.router.add_view("/download", LegacyDownloadView)
    app.router.add_view("/thumbnails", ThumbnailView)
    app.router.add_view("/imports", RemoteImportView)
    app.router.add_view("/search", SearchView)
    app.router.add_view("/quota/check", QuotaRuleView)
    app.router.add_post("/admin/login", admin_login)
    app.router.add_get("/admin", admin_index, name="admin-index")
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=int(os.environ.get("PORT", "8082")))
