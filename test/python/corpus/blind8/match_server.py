"""Game backend: matchmaking, leaderboards and scripted events (Starlette)."""
import hashlib
import hmac
import json
import os
import random
import secrets
import sqlite3

import jwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route

DB = sqlite3.connect(os.environ.get("GAME_DB", "game.db"), check_same_thread=False)
JWT_KEY = os.environ["GAME_JWT_KEY"]
MODES = {"ranked", "casual", "arena"}
EVENT_SCRIPTS = {"double_xp": lambda s: s * 2, "half_xp": lambda s: s // 2}


async def leaderboard(request: Request):
    mode = request.query_params.get("mode", "ranked")
    cur = DB.execute("SELECT player, score FROM scores WHERE mode = '" + mode + "' ORDER BY score DESC LIMIT 50")  #@vuln CWE-89
    return JSONResponse(cur.fetchall())


async def leaderboard_safe(request: Request):
    mode = request.query_params.get("mode", "ranked")
    if mode not in MODES:
        return JSONResponse({"error": "mode"}, status_code=400)
    cur = DB.execute("SELECT player, score FROM scores WHERE mode = ? ORDER BY score DESC LIMIT 50", (mode,))  #@safe
    return JSONResponse(cur.fetchall())


async def player_profile(request: Request):
    player = request.path_params["player"]
    cur = DB.executescript(f"UPDATE players SET views = views + 1 WHERE name = '{player}';")  #@vuln CWE-89
    row = DB.execute("SELECT name, level FROM players WHERE name = ?", (player,)).fetchone()  #@safe
    return JSONResponse({"name": row[0], "level": row[1]} if row else {})


async def create_lobby(request: Request):
    lobby_code = "".join(random.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    session_token = str(random.getrandbits(64))  #@vuln CWE-330|CWE-338
    DB.execute("INSERT INTO lobbies(code, host_token) VALUES (?, ?)", (lobby_code, session_token))
    return JSONResponse({"lobby": lobby_code, "host_token": session_token})


async def create_private_lobby(request: Request):
    lobby_code = secrets.token_hex(3).upper()
    session_token = secrets.token_urlsafe(24)  #@safe
    DB.execute("INSERT INTO lobbies(code, host_token) VALUES (?, ?)", (lobby_code, session_token))
    return JSONResponse({"lobby": lobby_code, "host_token": session_token})


def roll_loot_table(seed_items):
    return random.choice(seed_items)


async def submit_score(request: Request):
    auth = request.headers.get("authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(auth, JWT_KEY, algorithms=["HS256", "none"])  #@vuln CWE-347
    body = await request.json()
    DB.execute("INSERT INTO scores(player, mode, score) VALUES (?, ?, ?)", (claims["sub"], body["mode"], int(body["score"])))
    return JSONResponse({"ok": True})


async def submit_score_verified(request: Request):
    auth = request.headers.get("authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(auth, JWT_KEY, algorithms=["HS256"])  #@safe
    body = await request.json()
    DB.execute("INSERT INTO scores(player, mode, score) VALUES (?, ?, ?)", (claims["sub"], body["mode"], int(body["score"])))
    return JSONResponse({"ok": True})


async def run_event(request: Request):
    body = await request.json()
    score = int(body.get("score", 0))
    rule = body.get("rule", "score")
    result = eval(rule, {"__builtins__": {}}, {"score": score})  #@vuln CWE-95|CWE-94
    return JSONResponse({"score": result})


async def run_named_event(request: Request):
    body = await request.json()
    handler = EVENT_SCRIPTS.get(body.get("event"))
    if handler is None:
        return JSONResponse({"error": "unknown event"}, status_code=404)
    return JSONResponse({"score": handler(int(body.get("score", 0)))})


async def mod_hook(request: Request):
    body = await request.json()
    exec(body["script"], {"game": request.app.state})  #@vuln CWE-95|CWE-94
    return JSONResponse({"ok": True})


async def replay_check(request: Request):
    body = await request.json()
    expected = hmac.new(JWT_KEY.encode(), json.dumps(body["moves"]).encode(), hashlib.sha256).hexdigest()
    ok = hmac.compare_digest(expected, body.get("sig", ""))  #@safe
    return JSONResponse({"valid": ok})


async def clan_page(request: Request):
    clan = request.query_params.get("clan", "")
    return HTMLResponse(f"<html><h1>Clan {clan}</h1><div id='roster'></div></html>")  #@vuln CWE-79


async def back_to_game(request: Request):
    url = request.query_params.get("url", "/")
    return RedirectResponse(url)  #@vuln CWE-601


routes = [
    Route("/leaderboard", leaderboard),
    Route("/leaderboard/v2", leaderboard_safe),
    Route("/players/{player}", player_profile),
    Route("/lobby", create_lobby, methods=["POST"]),
    Route("/lobby/private", create_private_lobby, methods=["POST"]),
    Route("/scores", submit_score, methods=["POST"]),
    Route("/scores/v2", submit_score_verified, methods=["POST"]),
    Route("/events", run_event, methods=["POST"]),
    Route("/events/named", run_named_event, methods=["POST"]),
    Route("/mods/hook", mod_hook, methods=["POST"]),
    Route("/replays/check", replay_check, methods=["POST"]),
    Route("/clans", clan_page),
    Route("/back", back_to_game),
]

app = Starlette(debug=False, routes=routes)
