"""Pharmacist/patient chat. Runs as its own ASGI service: `hypercorn pharmacy_api.chat_ws:app`."""
import asyncio
import json
import random
import re
import string
from datetime import datetime, timezone

import httpx
import jwt
from quart import Quart, Response, jsonify, redirect, request, websocket

from rxcommon import security
from rxcommon.db import dict_cursor, mongo_db
from rxcommon.settings import BaseConfig, env_bool

app = Quart(__name__)
app.config.from_object(BaseConfig)

URL_RE = re.compile(r"https?://[^\s<>\"']+")
TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
ROOM_CODE_CHARS = string.ascii_letters + string.digits

rooms = {}


def _now():
    return datetime.now(timezone.utc).isoformat()


def _new_room_code():
    return "".join(random.choice(ROOM_CODE_CHARS) for _ in range(20))  #@vuln CWE-338


def _user_from(req):
    token = req.cookies.get("rx_access", "")
    try:
        return security.decode_access_token(token)
    except jwt.PyJWTError:
        return None


@app.after_request
async def add_cors_headers(response):
    origin = request.headers.get("Origin")
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin"
    return response


@app.post("/chat/rooms")
async def create_room():
    user = _user_from(request)
    if not user:
        return jsonify(error="login required"), 401
    code = _new_room_code()
    mongo_db().rooms.insert_one({"code": code, "patient": user["sub"], "created_at": _now()})
    resp = jsonify(room=code)
    resp.set_cookie("chat_room", code, secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


async def _link_preview(url):
    async with httpx.AsyncClient(timeout=5, follow_redirects=True) as client:
        resp = await client.get(url)  #@vuln CWE-918
    match = TITLE_RE.search(resp.text[:20000])
    return {"url": url, "title": match.group(1).strip() if match else url}


@app.websocket("/ws/chat/<room>")
async def chat(room):
    user = _user_from(websocket)
    if not user:
        await websocket.close(1008)
        return
    outbox = asyncio.Queue()
    rooms.setdefault(room, set()).add(outbox)

    async def pump():
        while True:
            await websocket.send(json.dumps(await outbox.get()))

    sender = asyncio.ensure_future(pump())
    try:
        while True:
            data = json.loads(await websocket.receive())
            text = str(data.get("text", ""))[:4000]
            message = {"room": room, "author": user["sub"], "role": user["role"], "text": text, "sent_at": _now()}
            if text.startswith("/calc ") and user["role"] == "pharmacist":
                expression = text[len("/calc "):]
                message["calc"] = eval(expression, {"__builtins__": {}}, {})  #@vuln CWE-95
            link = URL_RE.search(text)
            if link:
                message["preview"] = await _link_preview(link.group(0))
            mongo_db().messages.insert_one(dict(message))
            for queue in rooms.get(room, ()):
                await queue.put(message)
    finally:
        sender.cancel()
        rooms.get(room, set()).discard(outbox)


@app.get("/chat/<room>/history")
async def history(room):
    docs = mongo_db().messages.find({"room": str(room)}, {"_id": 0}).sort("sent_at", 1)  #@safe
    return jsonify(list(docs))


@app.post("/chat/<room>/search")
async def search_messages(room):
    body = await request.get_json()
    criteria = {"room": room}
    criteria.update(body.get("filter", {}))
    docs = mongo_db().messages.find(criteria, {"_id": 0}).limit(200)  #@vuln CWE-943
    return jsonify(list(docs))


@app.get("/chat/<room>/by-author")
async def by_author(room):
    author = request.args.get("author", "")
    where = "this.room == '%s' && this.author == '%s'" % (room, author)
    docs = mongo_db().messages.find({"$where": where}, {"_id": 0})  #@vuln CWE-943
    return jsonify(list(docs))


@app.get("/chat/<room>/grep")
async def grep_messages(room):
    term = request.args.get("q", "")
    docs = mongo_db().messages.find({"room": str(room)}, {"_id": 0})
    hits = [d for d in docs if re.search(term, d.get("text", ""), re.IGNORECASE)]  #@vuln CWE-1333
    return jsonify(hits)


@app.get("/chat/<room>/transcript")
async def transcript(room):
    docs = mongo_db().messages.find({"room": str(room)}).sort("sent_at", 1)
    rows = "".join("<tr><td>" + d["author"] + "</td><td>" + d["text"] + "</td></tr>" for d in docs)
    page = "<html><body><h1>Chat " + room + "</h1><table>" + rows + "</table></body></html>"
    return Response(page, mimetype="text/html")  #@vuln CWE-79


@app.get("/chat/pharmacists/<handle>")
async def pharmacist_profile(handle):
    with dict_cursor() as cur:
        cur.execute(f"SELECT display_name, license_state, bio FROM pharmacists WHERE handle = '{handle}'")  #@vuln CWE-89
        row = cur.fetchone()
    return jsonify(row or {})


@app.get("/chat/pharmacists/id/<int:pharmacist_id>")
async def pharmacist_by_id(pharmacist_id):
    with dict_cursor() as cur:
        cur.execute("SELECT display_name, license_state, bio FROM pharmacists WHERE id = %s", (pharmacist_id,))  #@safe
        row = cur.fetchone()
    return jsonify(row or {})


@app.get("/chat/leave")
async def leave():
    return redirect(request.args.get("return_to", "https://portal.rxbridge.health/"))  #@vuln CWE-601


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8090, debug=env_bool("CHAT_DEBUG"))  #@safe
