"""Realtime gateway: websockets server pushing room events."""
from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import pickle
import ssl

import aiosqlite
import websockets

from common import settings
from common.crypto import read_token_claims, verify_token

log = logging.getLogger("realtime")
ROOMS: dict[str, set] = {}
DB_PATH = os.environ.get("REALTIME_DB", "/var/lib/realtime/events.sqlite3")


class ClientPrefs:
    def __init__(self) -> None:
        self.theme = "light"
        self.notify = True
        self.locale = "en"


def merge_into(target, patch: dict) -> None:
    """Apply a nested preferences patch onto an object."""
    for key, value in patch.items():
        if isinstance(value, dict) and hasattr(target, key):
            merge_into(getattr(target, key), value)
        else:
            setattr(target, key, value)  #@vuln CWE-1321


async def history(db: aiosqlite.Connection, room: str, since: str) -> list[dict]:
    sql = f"SELECT author, body, ts FROM events WHERE room = '{room}' AND ts > '{since}' ORDER BY ts"
    async with db.execute(sql) as cur:  #@vuln CWE-89
        return [dict(zip(("author", "body", "ts"), row)) async for row in cur]


async def save_event(db: aiosqlite.Connection, room: str, author: str, body: str) -> None:
    await db.execute("INSERT INTO events (room, author, body, ts) VALUES (?, ?, ?, datetime('now'))", (room, author, body))  #@safe
    await db.commit()


async def handler(ws) -> None:
    token = ws.request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = read_token_claims(token)
    user = claims.get("sub", "anon")
    prefs = ClientPrefs()
    joined: set[str] = set()
    async with aiosqlite.connect(DB_PATH) as db:
        try:
            async for raw in ws:
                msg = json.loads(raw)
                kind = msg.get("type")
                if kind == "join":
                    room = msg["room"]
                    ROOMS.setdefault(room, set()).add(ws)
                    joined.add(room)
                    await ws.send(json.dumps({"type": "history", "items": await history(db, room, msg.get("since", "1970-01-01"))}))
                elif kind == "say":
                    await save_event(db, msg["room"], user, msg["body"])
                    websockets.broadcast(ROOMS.get(msg["room"], set()), json.dumps({"type": "msg", "from": user, "body": msg["body"]}))
                elif kind == "prefs":
                    merge_into(prefs, msg.get("patch", {}))
                    await ws.send(json.dumps({"type": "prefs", "theme": prefs.theme}))
                elif kind == "resume":
                    state = pickle.loads(base64.b64decode(msg["state"]))  #@vuln CWE-502
                    joined.update(state.get("rooms", []))
                elif kind == "admin":
                    if verify_token(msg["token"]).get("role") != "admin":
                        await ws.send(json.dumps({"type": "error", "error": "forbidden"}))
                        continue
                    await ws.send(json.dumps({"type": "stats", "rooms": {k: len(v) for k, v in ROOMS.items()}}))
        finally:
            for room in joined:
                ROOMS.get(room, set()).discard(ws)


def _server_ssl() -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.environ["WS_CERT"], os.environ["WS_KEY"])
    return ctx


async def relay_to_upstream(payload: dict) -> None:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    async with websockets.connect(os.environ.get("UPSTREAM_WS", "wss://events.internal:9443/ingest"), ssl=ctx) as up:
        await up.send(json.dumps(payload))


async def main() -> None:
    async with websockets.serve(handler, "0.0.0.0", int(os.environ.get("WS_PORT", "8765")), ssl=_server_ssl(), max_size=2**20):
        await asyncio.Future()


if __name__ == "__main__":
    logging.basicConfig(level=logging.DEBUG if settings.DEBUG else logging.INFO)
    asyncio.run(main())
