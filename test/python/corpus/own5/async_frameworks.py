"""Sanic, Quart and aiohttp handlers of the notifications service."""
import asyncio
import os
import shutil
import zipfile

import aiohttp
from aiohttp import web
from quart import Quart, request as qrequest, render_template_string
from sanic import Sanic
from sanic.response import html as sanic_html, json as sanic_json

sanic_app = Sanic("notify")
quart_app = Quart(__name__)
ARCHIVE = "/srv/archive"


@sanic_app.get("/s/user")
async def s_user(request):
    uid = request.args.get("id")
    rows = await request.app.ctx.db.fetch("SELECT * FROM users WHERE id = " + uid)  #@vuln CWE-89
    return sanic_json({"rows": rows})


@sanic_app.get("/s/banner")
async def s_banner(request):
    msg = request.args.get("msg", "")
    return sanic_html("<marquee>" + msg + "</marquee>")  #@vuln CWE-79


@sanic_app.post("/s/restore")
async def s_restore(request):
    name = request.json.get("backup")
    shutil.unpack_archive(os.path.join(ARCHIVE, name), "/srv/restore")  #@vuln CWE-22


@quart_app.route("/q/hello")
async def q_hello():
    name = qrequest.args.get("name", "")
    return await render_template_string("<p>Hi " + name + "</p>")  #@vuln CWE-94


@quart_app.route("/q/echo", methods=["POST"])
async def q_echo():
    data = await qrequest.get_json()
    proc = await asyncio.create_subprocess_shell("echo " + data["text"])  #@vuln CWE-78
    await proc.wait()
    return "ok"


async def load_template(name):
    return open(os.path.join("/srv/templates", name)).read()  #@vuln CWE-22


async def a_page(request):
    name = request.match_info["name"]
    body = await load_template(name)
    return web.Response(text=body, content_type="text/html")


async def a_upload(request):
    data = await request.post()
    zf = zipfile.ZipFile(data["file"].file)
    # ZipFile.extract drops absolute prefixes and ".." parts of member names itself.
    for member in zf.namelist():
        zf.extract(member, "/srv/unpacked")  #@safe
    return web.json_response({"ok": True})


async def a_fetch(request):
    target = request.query.get("target")
    async with aiohttp.ClientSession() as session:
        async with session.get(target) as r:  #@vuln CWE-918
            return web.Response(text=await r.text())


async def a_fetch_fixed(request):
    region = request.query.get("region", "eu")
    if region not in ("eu", "us"):
        raise web.HTTPBadRequest()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"https://{region}.status.example.com/health") as r:  #@safe
            return web.Response(text=await r.text())


aio_app = web.Application()
aio_app.add_routes([web.get("/a/page/{name}", a_page), web.post("/a/upload", a_upload), web.get("/a/fetch", a_fetch), web.get("/a/fixed", a_fetch_fixed)])
