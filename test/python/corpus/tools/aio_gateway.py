"""An aiohttp gateway that forwards requests to internal services."""
import asyncio
import json
import ssl

import aiohttp
from aiohttp import web

INTERNAL = {"users": "http://users.internal:8080", "orders": "http://orders.internal:8080"}
DEBUG = True


async def forward(request):
    service = request.match_info["service"]
    if service not in INTERNAL:
        raise web.HTTPNotFound()
    base = INTERNAL[service]
    async with aiohttp.ClientSession() as session:
        async with session.get(base + "/health") as resp:  #@safe
            return web.json_response({"status": resp.status})


async def fetch_any(request):
    data = await request.json()
    url = data["url"]
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:  #@vuln CWE-918|CWE-295
            return web.Response(text=await resp.text())


async def run_report(request):
    name = request.query.get("name", "daily")
    proc = await asyncio.create_subprocess_shell(f"/opt/reports/run.sh {name}")  #@vuln CWE-78
    await proc.wait()
    return web.json_response({"ok": True})


async def run_report_safe(request):
    name = request.query.get("name", "daily")
    proc = await asyncio.create_subprocess_exec("/opt/reports/run.sh", name)  #@safe
    await proc.wait()
    return web.json_response({"ok": True})


def make_app():
    app = web.Application()
    app.router.add_get("/fwd/{service}", forward)
    app.router.add_post("/fetch", fetch_any)
    app.router.add_get("/report", run_report)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=8081)
