"""JSON-RPC 2.0 over websockets for the pick-wave dashboard.

The dashboard keeps one socket open per supervisor and calls these methods;
jsonrpcserver passes our ``context`` dict as the first argument.
"""
import asyncio
import logging
import re
import sqlite3
import subprocess
import urllib.request

import jsonpickle
import jwt
import websockets
from jsonrpcserver import Error, Success, async_dispatch, method

from fulfilment_rpc import config, storage

log = logging.getLogger("ws_rpc")

_PUBLIC_KEY = None


def _public_key():
    global _PUBLIC_KEY
    if _PUBLIC_KEY is None:
        _PUBLIC_KEY = config.WS_JWT_PUBLIC_KEY.read_text()
    return _PUBLIC_KEY


@method
async def evaluate_rule(context, expression: str, order: dict):
    """Supervisors type routing rules like ``order['weight'] > 20``."""
    try:
        return Success(bool(eval(expression, {"__builtins__": {}}, {"order": order})))  #@vuln CWE-95|CWE-94
    except Exception as exc:
        return Error(1, str(exc))


@method
async def install_wave_hook(context, name: str, source: str):
    namespace = {}
    exec(compile(source, f"<hook:{name}>", "exec"), namespace)  #@vuln CWE-94|CWE-95
    context["hooks"][name] = namespace.get("on_wave")
    return Success(sorted(context["hooks"]))


@method
async def search_pick_notes(context, pattern: str, notes: list):
    return Success([n for n in notes if re.search(pattern, n)])  #@vuln CWE-1333


@method
async def search_pick_notes_literal(context, term: str, notes: list):
    needle = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    return Success([n for n in notes if needle.search(n)])


@method
async def restore_layout(context, layout: str):
    state = jsonpickle.decode(layout)  #@vuln CWE-502
    context["layout"] = state
    return Success(True)


@method
async def pick_photo(context, photo_path: str):
    with open(config.STAGING_DIR / "photos" / photo_path, "rb") as fh:  #@vuln CWE-22
        return Success(fh.read().hex())


@method
async def probe_dock_camera(context, camera_url: str):
    with urllib.request.urlopen(camera_url, timeout=5) as resp:  #@vuln CWE-918
        return Success({"status": resp.status, "type": resp.headers.get("Content-Type")})


@method
async def reprint_wave(context, wave_id: str, printer: str):
    rc = subprocess.call(f"/opt/fulfilment/bin/reprint --wave {wave_id} --printer {printer}", shell=True)  #@vuln CWE-78
    return Success(rc == 0)


@method
async def wave_status(context, wave_id: str):
    with sqlite3.connect(config.WAVE_DB) as db:
        rows = db.execute(f"SELECT slot, sku, picked, picker FROM picks WHERE wave_id = '{wave_id}' ORDER BY slot").fetchall()  #@vuln CWE-89
    return Success([dict(zip(("slot", "sku", "picked", "picker"), r)) for r in rows])


@method
async def wave_label(context, carrier: str, label_name: str):
    return Success(storage.read_label(carrier, label_name).hex())


def _claims_from_headers(headers) -> dict:
    auth = headers.get("Authorization", "")
    token = auth.split(" ", 1)[1] if " " in auth else ""
    return jwt.decode(token, _public_key(), algorithms=["RS256"], audience="fulfilment-ws")  #@safe


def _claims_from_query(path: str) -> dict:
    # legacy handhelds put the token in ?t= and cannot set headers
    token = path.split("t=", 1)[1] if "t=" in path else ""
    return jwt.decode(token, options={"verify_signature": False, "verify_exp": False})  #@vuln CWE-347


async def handler(websocket):
    request = websocket.request
    try:
        if "Authorization" in request.headers:
            claims = _claims_from_headers(request.headers)
        else:
            claims = _claims_from_query(request.path)
    except jwt.PyJWTError:
        await websocket.close(code=4401, reason="unauthorised")
        return
    context = {"user": claims.get("sub"), "roles": claims.get("roles", []), "hooks": {}}
    async for message in websocket:
        response = await async_dispatch(message, context=context)
        if response:
            await websocket.send(response)


async def main():
    async with websockets.serve(handler, config.WS_HOST, config.WS_PORT, max_size=4 * 1024 * 1024):
        log.info("ws-rpc listening on %s:%s", config.WS_HOST, config.WS_PORT)
        await asyncio.Future()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
