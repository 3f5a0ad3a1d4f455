import asyncio
import html
import json
import logging
import os
import pickle
import re
from pathlib import Path

from aiohttp import web
from bson import ObjectId

from common import crypto
from common.config import LOG_DIR
from common.templates import render_custom, render_custom_sandboxed

log = logging.getLogger("notify.handlers")

HOOK_DIR = "/opt/notify/hooks"
ARCHIVE_DIR = Path("/srv/notify/archive").resolve()
CHANNEL_RE = re.compile(r"^[a-z0-9_-]{1,32}$")
PARTNER_ENDPOINT = "https://partner-gw.acme.io/v2/events"


async def login(request):
    body = await request.json()
    user = await request.app["db"].users.find_one({"email": str(body.get("email", ""))})
    if not user or crypto.hash_password(body.get("password", ""), user["salt"]) != user["password_hash"]:
        raise web.HTTPUnauthorized()
    token = crypto.issue_token({"sub": str(user["_id"]), "tenant": user["tenant"]})
    resp = web.json_response({"ok": True})
    resp.set_cookie("notify_session", token, httponly=True, secure=False, samesite="Lax")  #@vuln CWE-614
    return resp


async def logout(request):
    resp = web.HTTPFound(request.query.get("next", "/"))  #@vuln CWE-601
    resp.del_cookie("notify_session")
    raise resp


def _tenant(request):
    token = request.cookies.get("notify_session") or request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = crypto.peek_claims(token)
    return claims["tenant"]


async def list_subscriptions(request):
    tenant = _tenant(request)
    cursor = request.app["db"].subscriptions.find({"tenant": tenant, "channel": str(request.query.get("channel", "email"))})  #@safe
    return web.json_response([{**d, "_id": str(d["_id"])} async for d in cursor.limit(500)])


async def search_subscriptions(request):
    tenant = _tenant(request)
    user_filter = json.loads(request.query.get("filter", "{}"))
    query = {"tenant": tenant, **user_filter}
    cursor = request.app["db"].subscriptions.find(query)  #@vuln CWE-943
    return web.json_response([{**d, "_id": str(d["_id"])} async for d in cursor.limit(500)])


async def get_subscription(request):
    sub_id = request.match_info["sub_id"]
    doc = await request.app["db"].subscriptions.find_one({"$where": "this.external_id == '%s'" % sub_id})  #@vuln CWE-943
    if doc is None:
        raise web.HTTPNotFound()
    doc["_id"] = str(doc["_id"])
    return web.json_response(doc)


async def create_subscription(request):
    body = await request.json()
    doc = {
        "tenant": _tenant(request),
        "channel": body["channel"],
        "address": body["address"],
        "unsubscribe_code": crypto.unsubscribe_code(),
    }
    result = await request.app["db"].subscriptions.insert_one(doc)
    return web.json_response({"id": str(result.inserted_id)}, status=201)


async def unsubscribe(request):
    code = request.query.get("code", "")
    res = await request.app["db"].subscriptions.delete_one({"unsubscribe_code": code})
    addr = request.query.get("addr", "")
    if res.deleted_count:
        return web.Response(text="<p>%s has been unsubscribed.</p>" % html.escape(addr), content_type="text/html")  #@safe
    return web.Response(text="<p>No subscription found for %s</p>" % addr, content_type="text/html")  #@vuln CWE-79


async def preview_template(request):
    body = await request.json()
    rendered = render_custom(body["template"], name=body.get("name", "Customer"), order=body.get("order", {}))
    return web.json_response({"html": rendered})


async def preview_template_safe(request):
    body = await request.json()
    rendered = render_custom_sandboxed(body["template"], name=body.get("name", "Customer"))
    return web.json_response({"html": rendered})


async def show_message(request):
    msg = await request.app["db"].messages.find_one({"_id": ObjectId(request.match_info["msg_id"])})
    if msg is None:
        raise web.HTTPNotFound()
    page = f"<html><body><h2>{msg['subject']}</h2><div>{msg['body']}</div></body></html>"
    return web.Response(text=page, content_type="text/html")  #@vuln CWE-79


async def test_webhook(request):
    body = await request.json()
    url = body["url"]
    async with request.app["http"].post(url, json={"event": "ping"}) as resp:  #@vuln CWE-918
        text = await resp.text()
    return web.json_response({"status": resp.status, "body": text[:2000]})


async def push_partner(request):
    body = await request.json()
    async with request.app["partner_http"].post(PARTNER_ENDPOINT, json=body) as resp:
        return web.json_response({"status": resp.status})


async def enqueue_job(request):
    raw = await request.read()
    job = pickle.loads(raw)  #@vuln CWE-502
    await request.app["db"].jobs.insert_one({"kind": job["kind"], "args": job.get("args", {})})
    return web.json_response({"queued": True}, status=202)


async def run_hook(request):
    body = await request.json()
    hook = body.get("hook", "default")
    channel = body.get("channel", "")
    if body.get("mode") == "legacy":
        proc = await asyncio.create_subprocess_shell(f"{HOOK_DIR}/{hook}.sh --channel {channel}", stdout=asyncio.subprocess.PIPE)  #@vuln CWE-78
    else:
        if not CHANNEL_RE.match(channel):
            raise web.HTTPBadRequest(text="bad channel")
        proc = await asyncio.create_subprocess_exec(f"{HOOK_DIR}/default.sh", "--channel", channel, stdout=asyncio.subprocess.PIPE)  #@safe
    out, _ = await proc.communicate()
    return web.json_response({"rc": proc.returncode, "output": out.decode(errors="replace")[-4000:]})


async def download_log(request):
    name = request.query.get("file", "notify.log")
    return web.FileResponse(os.path.join(LOG_DIR, name))  #@vuln CWE-22


async def download_archive(request):
    target = (ARCHIVE_DIR / request.match_info["name"]).resolve()
    if not target.is_relative_to(ARCHIVE_DIR) or not target.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(target)  #@safe
