"""Home-automation hub local API (aiohttp)."""
import asyncio
import html
import ipaddress
import os
import re
from urllib.parse import urlparse

import aiohttp
from aiohttp import web
from jinja2 import Environment, Template, select_autoescape

SCENES_DIR = "/etc/hub/scenes"
FIRMWARE_DIR = "/var/lib/hub/firmware"
DEVICE_NAME_RE = re.compile(r"^[a-z0-9_-]{1,32}$")
KNOWN_ACTIONS = {"on": "relayctl on", "off": "relayctl off", "toggle": "relayctl toggle"}

jinja_env = Environment(autoescape=select_autoescape(["html"]))
routes = web.RouteTableDef()


def _is_lan_camera(url: str) -> bool:
    host = urlparse(url).hostname or ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip in ipaddress.ip_network("192.168.50.0/24") and not ip.is_loopback


@routes.post("/devices/{device}/ping")
async def ping_device(request: web.Request):
    device = request.match_info["device"]
    proc = await asyncio.create_subprocess_shell(f"ping -c 1 -W 1 {device}.local")  #@vuln CWE-78
    await proc.wait()
    return web.json_response({"reachable": proc.returncode == 0})


@routes.post("/devices/{device}/relay")
async def relay(request: web.Request):
    device = request.match_info["device"]
    data = await request.post()
    action = KNOWN_ACTIONS.get(data.get("action", ""))
    if action is None or not DEVICE_NAME_RE.match(device):
        raise web.HTTPBadRequest()
    proc = await asyncio.create_subprocess_exec(*action.split(), device)  #@safe
    await proc.wait()
    return web.json_response({"ok": proc.returncode == 0})


@routes.post("/devices/{device}/rename")
async def rename_device(request: web.Request):
    device = request.match_info["device"]
    data = await request.post()
    new_name = data.get("name", "")
    os.popen(f"hubctl rename {device} '{new_name}'").read()  #@vuln CWE-78
    return web.json_response({"renamed": new_name})


@routes.get("/scenes/{name}")
async def load_scene(request: web.Request):
    name = request.match_info["name"]
    with open(os.path.join(SCENES_DIR, name + ".yaml")) as fh:  #@vuln CWE-22
        return web.Response(text=fh.read(), content_type="text/yaml")


@routes.get("/firmware/{file}")
async def firmware(request: web.Request):
    file = os.path.basename(request.match_info["file"])
    path = os.path.join(FIRMWARE_DIR, file)
    if not os.path.isfile(path):
        raise web.HTTPNotFound()
    return web.FileResponse(path)  #@safe


@routes.get("/camera/snapshot")
async def camera_snapshot(request: web.Request):
    src = request.query.get("src", "")
    async with aiohttp.ClientSession() as session:
        async with session.get(src) as resp:  #@vuln CWE-918
            body = await resp.read()
    return web.Response(body=body, content_type="image/jpeg")


@routes.get("/camera/lan-snapshot")
async def camera_lan_snapshot(request: web.Request):
    src = request.query.get("src", "")
    if not _is_lan_camera(src):
        raise web.HTTPForbidden()
    async with aiohttp.ClientSession() as session:
        async with session.get(src) as resp:  #@safe
            body = await resp.read()
    return web.Response(body=body, content_type="image/jpeg")


@routes.get("/welcome")
async def welcome(request: web.Request):
    who = request.query.get("who", "guest")
    page = f"<html><body><h1>Welcome home, {who}!</h1></body></html>"
    return web.Response(text=page, content_type="text/html")  #@vuln CWE-79


@routes.get("/welcome-safe")
async def welcome_safe(request: web.Request):
    who = html.escape(request.query.get("who", "guest"))
    page = f"<html><body><h1>Welcome home, {who}!</h1></body></html>"
    return web.Response(text=page, content_type="text/html")  #@safe


@routes.post("/notifications/preview")
async def preview_notification(request: web.Request):
    data = await request.post()
    template_src = data.get("template", "")
    rendered = Template(template_src).render(room="kitchen", temp=21.5)  #@vuln CWE-1336|CWE-94
    return web.json_response({"preview": rendered})


@routes.post("/notifications/preview-fixed")
async def preview_notification_fixed(request: web.Request):
    data = await request.post()
    tmpl = jinja_env.get_template("notification.html")
    rendered = tmpl.render(message=data.get("message", ""), room="kitchen")  #@safe
    return web.json_response({"preview": rendered})


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), host="0.0.0.0", port=8123)
