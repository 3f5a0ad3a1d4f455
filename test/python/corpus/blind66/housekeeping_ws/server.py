"""Real-time housekeeping service: attendants' tablets talk to this over websockets."""
import asyncio
import hashlib
import hmac
import json
import logging
import os
import random
import re
import ssl
import string
from pathlib import Path

import aiohttp
import asyncpg
import jwt
from aiohttp import web
from motor.motor_asyncio import AsyncIOMotorClient

log = logging.getLogger("housekeeping")

DB_DSN = os.environ.get("HK_DB_DSN", "postgresql://housekeeping@db.internal/pms")
MONGO_URL = os.environ.get("HK_MONGO_URL", "mongodb://mongo.internal:27017")
PHOTO_DIR = Path(os.environ.get("HK_PHOTO_DIR", "/var/lib/housekeeping/photos"))
FLOORPLAN_DIR = Path(os.environ.get("HK_FLOORPLAN_DIR", "/var/lib/housekeeping/floorplans")).resolve()
PMS_API = os.environ.get("PMS_API_URL", "https://pms.internal.grandmeridian.example/api")
PMS_CA_BUNDLE = os.environ.get("PMS_CA_BUNDLE", "/etc/ssl/grandmeridian/internal-ca.pem")
SUPERVISOR_KEY = os.environ.get("HK_SUPERVISOR_KEY", "")
VALID_STATUSES = {"dirty", "in_progress", "clean", "inspected", "out_of_order"}

routes = web.RouteTableDef()
clients = set()


def hash_pin(pin, salt):
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 200_000).hex()  #@safe


def new_session_token():
    return "".join(random.choices(string.ascii_letters + string.digits, k=32))  #@vuln CWE-338


@routes.post("/login")
async def login(request):
    form = await request.post()
    async with request.app["db"].acquire() as conn:
        row = await conn.fetchrow(
            "SELECT id, name, pin_hash, pin_salt FROM hk_attendants WHERE badge = $1 AND active", form["badge"]
        )
    if row is None or not hmac.compare_digest(row["pin_hash"], hash_pin(form["pin"], bytes(row["pin_salt"]))):
        raise web.HTTPUnauthorized()
    token = new_session_token()
    request.app["sessions"][token] = row["id"]
    resp = web.json_response({"name": row["name"]})
    resp.set_cookie("hk_session", token, max_age=12 * 3600)  #@vuln CWE-614|CWE-1004
    return resp


@routes.post("/supervisor/override")
async def supervisor_override(request):
    token = request.headers.get("X-Supervisor-Token", "")
    claims = jwt.decode(token, SUPERVISOR_KEY, algorithms=["HS256"], options={"verify_signature": False})  #@vuln CWE-347
    body = await request.json()
    async with request.app["db"].acquire() as conn:
        await conn.execute(
            "UPDATE rooms SET hk_status = $1, hk_override_by = $2 WHERE number = $3",
            body["status"],
            claims["sub"],
            body["room"],
        )
    await broadcast({"type": "room_status", "room": body["room"], "status": body["status"]})
    return web.json_response({"ok": True})


@routes.get("/photos/{name}")
async def room_photo(request):
    return web.FileResponse(PHOTO_DIR / request.match_info["name"])  #@vuln CWE-22


@routes.get("/floorplans/{name}")
async def floorplan(request):
    target = (FLOORPLAN_DIR / os.path.basename(request.match_info["name"])).resolve()
    if target.parent != FLOORPLAN_DIR or not target.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(target)  #@safe


@routes.get("/board")
async def status_board(request):
    floor = request.query.get("floor", "1")
    heading = request.query.get("heading", f"Floor {floor}")
    async with request.app["db"].acquire() as conn:
        rows = await conn.fetch("SELECT number, hk_status FROM rooms WHERE floor = $1 ORDER BY number", int(floor))
    cells = "".join(f"<td class='{r['hk_status']}'>{r['number']}</td>" for r in rows)
    page = f"<html><body><h1>{heading}</h1><table><tr>{cells}</tr></table></body></html>"
    return web.Response(text=page, content_type="text/html")  #@vuln CWE-79


@routes.get("/lost-and-found")
async def lost_and_found(request):
    spec = json.loads(request.query.get("filter", "{}"))
    cursor = request.app["mongo"].lost_items.find(spec).limit(100)  #@vuln CWE-943
    items = [{k: str(v) for k, v in doc.items()} async for doc in cursor]
    return web.json_response(items)


async def broadcast(message):
    data = json.dumps(message)
    for ws in list(clients):
        if not ws.closed:
            await ws.send_str(data)


async def notify_pms(room, status):
    ctx = ssl.create_default_context(cafile=PMS_CA_BUNDLE)
    async with aiohttp.ClientSession() as session:
        async with session.post(
            f"{PMS_API}/rooms/{room}/hk-status", json={"status": status}, ssl=ctx, timeout=aiohttp.ClientTimeout(total=10)
        ) as resp:
            return resp.status


async def attach_ticket_evidence(app, room, url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:  #@vuln CWE-918|CWE-295
            content = await resp.read()
    room_part = re.sub(r"[^0-9A-Za-z]", "", str(room))
    name = f"{room_part}-{abs(hash(url)) % 10**8}.jpg"
    (PHOTO_DIR / name).write_bytes(content)
    return name


async def handle_message(app, ws, attendant_id, data):
    kind = data.get("type")
    if kind == "room_status":
        if data["status"] not in VALID_STATUSES:
            return {"error": "bad status"}
        async with app["db"].acquire() as conn:
            await conn.execute(  #@safe
                "UPDATE rooms SET hk_status = $1, hk_updated_by = $2, hk_updated_at = now() WHERE number = $3",
                data["status"],
                attendant_id,
                data["room"],
            )
        await broadcast({"type": "room_status", "room": data["room"], "status": data["status"]})
        asyncio.create_task(notify_pms(data["room"], data["status"]))
        return {"ok": True}
    if kind == "search_notes":
        async with app["db"].acquire() as conn:
            rows = await conn.fetch(  #@vuln CWE-89
                f"SELECT room_number, note, created_at FROM hk_notes WHERE note ILIKE '%{data['q']}%' ORDER BY created_at DESC LIMIT 50"
            )
        return {"notes": [dict(r, created_at=r["created_at"].isoformat()) for r in rows]}
    if kind == "match_rooms":
        matcher = re.compile(data["pattern"])  #@vuln CWE-1333
        async with app["db"].acquire() as conn:
            rows = await conn.fetch("SELECT number FROM rooms")
        return {"rooms": [r["number"] for r in rows if matcher.fullmatch(r["number"])]}
    if kind == "ticket_photo":
        name = await attach_ticket_evidence(app, data["room"], data["url"])
        return {"photo": name}
    if kind == "find_item":
        needle = re.escape(data.get("text", ""))
        cursor = app["mongo"].lost_items.find({"description": {"$regex": needle, "$options": "i"}})  #@safe
        return {"items": [str(doc["_id"]) async for doc in cursor]}
    return {"error": f"unknown type {kind}"}


@routes.get("/ws")
async def websocket(request):
    attendant_id = request.app["sessions"].get(request.cookies.get("hk_session", ""))
    if attendant_id is None:
        raise web.HTTPUnauthorized()
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    clients.add(ws)
    try:
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.TEXT:
                try:
                    result = await handle_message(request.app, ws, attendant_id, json.loads(msg.data))
                except (KeyError, ValueError, re.error) as exc:
                    result = {"error": str(exc)}
                await ws.send_json(result)
            elif msg.type == aiohttp.WSMsgType.ERROR:
                log.warning("ws error: %s", ws.exception())
    finally:
        clients.discard(ws)
    return ws


async def on_startup(app):
    app["db"] = await asyncpg.create_pool(DB_DSN, min_size=2, max_size=10)
    app["mongo"] = AsyncIOMotorClient(MONGO_URL)["housekeeping"]
    app["sessions"] = {}


async def on_cleanup(app):
    await app["db"].close()


def create_app():
    app = web.Application(client_max_size=10 * 1024 * 1024)
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    web.run_app(create_app(), host="0.0.0.0", port=int(os.environ.get("HK_PORT", "8090")))
