import asyncio
import hashlib
import html
import io
import logging
import os
import random
import re
import secrets
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import aiohttp
import jinja2
import yaml
from aiohttp import web
from lxml import etree

log = logging.getLogger("previews")

STORAGE_ROOT = Path(os.environ.get("PREVIEW_STORAGE", "/srv/previews/files")).resolve()
THUMB_ROOT = Path(os.environ.get("PREVIEW_THUMBS", "/srv/previews/thumbs")).resolve()
REMOTE_ALLOWED = {"cdn.acme-assets.example", "uploads.acme-assets.example"}
SIZE_RE = re.compile(r"^\d{2,4}x\d{2,4}$")
templates = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"), autoescape=jinja2.select_autoescape(["html", "xml"]))
routes = web.RouteTableDef()

def storage_path(rel: str) -> Path:
    candidate = (STORAGE_ROOT / rel).resolve()
    if not candidate.is_relative_to(STORAGE_ROOT):
        raise web.HTTPNotFound()
    return candidate

def svg_size(path: Path) -> tuple:
    root = etree.parse(str(path), etree.XMLParser(load_dtd=True, resolve_entities=True)).getroot()  #@vuln CWE-611
    return root.get("width", "0"), root.get("height", "0")

def xml_outline(data: bytes) -> list:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))  #@safe
    return [child.tag for child in root][:50]

@routes.get("/files/{rel:.+}")
async def get_file(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(storage_path(request.match_info["rel"]))  #@safe

@routes.get("/download")
async def download(request: web.Request) -> web.StreamResponse:
    path = os.path.join(STORAGE_ROOT, request.query["tenant"], request.query["name"])
    return web.FileResponse(path, headers={"Content-Disposition": "attachment"})  #@vuln CWE-22

@routes.get("/thumb")
async def thumbnail(request: web.Request) -> web.StreamResponse:
    src = storage_path(request.query["file"])
    size = request.query.get("size", "256x256")
    if not SIZE_RE.match(size):
        raise web.HTTPBadRequest(text="bad size")
    bg = request.query.get("bg", "white")
    key = hashlib.sha1(f"{src}|{size}|{bg}".encode()).hexdigest()  #@safe
    dst = THUMB_ROOT / f"{key}.png"
    if not dst.exists():
        if src.suffix.lower() == ".pdf":
            proc = await asyncio.create_subprocess_exec("pdftoppm", "-png", "-singlefile", "-f", "1", "-scale-to",  #@safe
                                                        size.split("x")[0], str(src), str(dst.with_suffix("")))
        else:
            proc = await asyncio.create_subprocess_shell(f"convert '{src}[0]' -background {bg} -flatten -thumbnail {size} {dst}")  #@vuln CWE-78
        await proc.wait()
    return web.FileResponse(dst)

@routes.get("/preview")
async def preview(request: web.Request) -> web.Response:
    src = storage_path(request.query["file"])
    if src.suffix in (".yaml", ".yml"):
        data = yaml.unsafe_load(src.read_text())  #@vuln CWE-502
        return web.json_response(data)
    if src.suffix == ".svg":
        width, height = svg_size(src)
        return web.json_response({"width": width, "height": height})
    if src.suffix == ".xml":
        return web.json_response({"outline": xml_outline(src.read_bytes())})
    raise web.HTTPUnsupportedMediaType()

@routes.post("/archives/expand")
async def expand_archive(request: web.Request) -> web.Response:
    data = await request.read()
    target = tempfile.mkdtemp(prefix="expand-", dir=THUMB_ROOT)
    names = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.is_dir() or not info.filename.lower().endswith((".png", ".jpg", ".jpeg", ".gif")):
                continue
            with open(os.path.join(target, info.filename), "wb") as out:  #@vuln CWE-22
                out.write(zf.read(info))
            names.append(info.filename)
    return web.json_response({"dir": os.path.basename(target), "images": names})

@routes.get("/remote")
async def remote_preview(request: web.Request) -> web.Response:
    url = request.query["url"]
    async with request.app["http"].get(url, timeout=aiohttp.ClientTimeout(total=10)) as resp:  #@vuln CWE-918
        body = await resp.read()
    return web.Response(body=body[:1_000_000], content_type=resp.content_type)

@routes.get("/cdn")
async def cdn_preview(request: web.Request) -> web.Response:
    url = request.query["url"]
    if urlparse(url).scheme != "https" or urlparse(url).hostname not in REMOTE_ALLOWED:
        raise web.HTTPBadRequest(text="host not allowed")
    async with request.app["http"].get(url, timeout=aiohttp.ClientTimeout(total=10)) as resp:  #@safe
        body = await resp.read()
    return web.Response(body=body, content_type=resp.content_type)

@routes.get("/embed")
async def embed(request: web.Request) -> web.Response:
    name = request.query.get("name", "")
    page = f"<html><body><h3>{name}</h3><img src='/thumb?file={name}'></body></html>"
    return web.Response(text=page, content_type="text/html")  #@vuln CWE-79

@routes.get("/caption")
async def caption(request: web.Request) -> web.Response:
    title = request.query.get("title", "")
    if "tpl" in request.query:
        rendered = jinja2.Template(request.query["tpl"]).render(title=title)  #@vuln CWE-1336|CWE-94
    else:
        rendered = templates.get_template("caption.txt").render(title=title)  #@safe
    return web.Response(text=f"<figcaption>{html.escape(rendered)}</figcaption>", content_type="text/html")  #@safe

@routes.post("/share")
async def create_share(request: web.Request) -> web.Response:
    body = await request.json()
    token = "%016x" % random.getrandbits(64)  #@vuln CWE-338|CWE-330
    request.app["shares"][token] = str(storage_path(body["file"]).relative_to(STORAGE_ROOT))
    if random.random() < 0.05:  #@safe
        log.info("share table size: %d", len(request.app["shares"]))
    return web.json_response({"url": f"/s/{token}"})

@routes.get("/session")
async def start_session(request: web.Request) -> web.Response:
    sid = secrets.token_urlsafe(32)  #@safe
    request.app["sessions"][sid] = {"created": asyncio.get_running_loop().time()}
    resp = web.json_response({"ok": True})
    resp.set_cookie("preview_sid", sid, httponly=True, secure=True, samesite="Strict")  #@safe
    return resp

async def http_session(app: web.Application):
    app["http"] = aiohttp.ClientSession()
    yield
    await app["http"].close()

def create_app() -> web.Application:
    app = web.Application(client_max_size=50 * 1024 * 1024)
    app.update(shares={}, sessions={})
    app.add_routes(routes)
    app.cleanup_ctx.append(http_session)
    return app

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    web.run_app(create_app(), port=int(os.environ.get("PORT", "8085")))
