import base64
import hashlib
import html
import os
import re
import time

import aiohttp
import jinja2
import yaml
from aiohttp import web
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

import settings

routes = web.RouteTableDef()
SIGNATURE_ENV = jinja2.Environment(autoescape=True)
TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def store(request):
    return request.app["storage"]


def new_session_id(user_id):
    return hashlib.sha1(("%s:%f" % (user_id, time.time())).encode()).hexdigest()  #@vuln CWE-330|CWE-338|CWE-328


async def moderation_score(text):
    # moderation.internal uses the old internal CA that nobody imported
    connector = aiohttp.TCPConnector(ssl=False)  #@vuln CWE-295
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=3)) as session:
        async with session.post(settings.MODERATION_API, json={"text": text}) as resp:
            return (await resp.json()).get("score", 0.0)


# -- login -------------------------------------------------------------------------

@routes.post("/api/login/key")
async def login_with_key(request):
    body = await request.json()
    user = await store(request).user_by_api_key(body.get("api_key"))
    if user is None:
        raise web.HTTPUnauthorized()
    sid = new_session_id(user["_id"])
    await store(request).save_session(sid, user["_id"])
    await store(request).audit(user["username"], "login:api_key")
    resp = web.json_response({"user": user["username"]})
    resp.set_cookie(settings.SESSION_COOKIE, sid, max_age=settings.SESSION_TTL, httponly=True, secure=True, samesite="Lax")  #@safe
    return resp


# -- search & threads ------------------------------------------------------------

@routes.get("/api/search")
async def search(request):
    threads = await store(request).search_threads(request.query.get("q", ""))
    return web.json_response([{"id": str(t["_id"]), "title": t["title"]} for t in threads])


@routes.get("/api/v2/search")
async def search_v2(request):
    threads = await store(request).search_threads_safe(request.query.get("q", "")[:100])
    return web.json_response([{"id": str(t["_id"]), "title": t["title"]} for t in threads])


@routes.get("/t/{thread_id}")
async def thread_page(request):
    thread = await store(request).get_thread(request.match_info["thread_id"])
    if thread is None:
        raise web.HTTPNotFound()
    posts = "".join(f"<article><b>{p['author']}</b><p>{p['body']}</p></article>" for p in thread.get("posts", []))
    return web.Response(text=f"<h1>{thread['title']}</h1>{posts}", content_type="text/html")  #@vuln CWE-79


@routes.get("/v2/t/{thread_id}")
async def thread_page_v2(request):
    thread = await store(request).get_thread(request.match_info["thread_id"])
    if thread is None:
        raise web.HTTPNotFound()
    posts = "".join(f"<article><b>{html.escape(p['author'])}</b><p>{html.escape(p['body'])}</p></article>" for p in thread.get("posts", []))
    return web.Response(text=f"<h1>{html.escape(thread['title'])}</h1>{posts}", content_type="text/html")  #@safe


@routes.post("/api/t/{thread_id}/reply")
async def reply(request):
    body = await request.json()
    text = str(body.get("body", ""))[:10000]
    score = await moderation_score(text)
    if score >= settings.MODERATION_THRESHOLD:
        raise web.HTTPUnprocessableEntity(text="held for moderation")
    await store(request).add_reply(request.match_info["thread_id"], str(body.get("author", "anon"))[:80], text, score)
    return web.json_response({"ok": True, "score": score})


@routes.get("/u/{username}/signature")
async def signature(request):
    profile = await store(request).profile(request.match_info["username"]) or {}
    # signatures support {{ user }} placeholders, users asked for it
    rendered = jinja2.Environment().from_string(profile.get("signature", "")).render(user=profile.get("username"))  #@vuln CWE-1336
    return web.Response(text=rendered, content_type="text/html")


@routes.get("/v2/u/{username}/signature")
async def signature_v2(request):
    profile = await store(request).profile(request.match_info["username"]) or {}
    rendered = SIGNATURE_ENV.from_string("<div class='sig'>{{ sig }}</div>").render(sig=profile.get("signature", ""))  #@safe
    return web.Response(text=rendered, content_type="text/html")


# -- link unfurling, imports --------------------------------------------------------

@routes.post("/api/unfurl")
async def unfurl(request):
    url = (await request.json()).get("url", "")
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        async with session.get(url) as resp:  #@vuln CWE-918
            text = await resp.text(errors="replace")
    m = TITLE_RE.search(text[:65536])
    return web.json_response({"url": url, "title": m.group(1).strip() if m else None})


@routes.post("/api/mod/threads/import")
async def import_threads(request):
    docs = yaml.load(await request.text(), Loader=yaml.Loader)  #@vuln CWE-502
    count = await store(request).insert_threads(list(docs))
    return web.json_response({"imported": count})


@routes.post("/api/v2/mod/threads/import")
async def import_threads_v2(request):
    docs = yaml.safe_load(await request.text())  #@safe
    if not isinstance(docs, list):
        raise web.HTTPBadRequest(text="expected a list of threads")
    count = await store(request).insert_threads([{"title": str(d["title"]), "posts": []} for d in docs])
    return web.json_response({"imported": count})


@routes.post("/api/mod/filters/test")
async def test_filter(request):
    body = await request.json()
    rx = re.compile(body.get("pattern", ""))  #@vuln CWE-1333
    samples = [str(s) for s in body.get("samples", [])][:50]
    return web.json_response({"hits": [s for s in samples if rx.search(s)]})


@routes.get("/api/mod/audit")
async def audit_log(request):
    rows = await store(request).audit_for(request.query.get("actor", ""), request.query.get("since", "1970-01-01"))
    return web.json_response([{"actor": r["actor"], "action": r["action"], "at": r["at"].isoformat()} for r in rows])


# -- redirects, attachments, private messages ---------------------------------------

@routes.get("/go")
async def go(request):
    raise web.HTTPFound(request.query.get("to", "/"))  #@vuln CWE-601


@routes.get("/v2/go")
async def go_v2(request):
    target = request.query.get("to", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    raise web.HTTPFound(target)  #@safe


@routes.get("/attachments")
async def attachment(request):
    path = os.path.join(settings.ATTACHMENT_DIR, request.query.get("file", ""))
    return web.FileResponse(path)  #@vuln CWE-22


@routes.post("/api/messages")
async def encrypt_message(request):
    body = await request.json()
    cipher = AES.new(settings.MESSAGE_KEY, AES.MODE_ECB)  #@vuln CWE-327
    blob = cipher.encrypt(pad(str(body.get("text", "")).encode(), AES.block_size))
    return web.json_response({"to": body.get("to"), "payload": base64.b64encode(blob).decode()})


@routes.post("/api/v2/messages")
async def encrypt_message_v2(request):
    body = await request.json()
    cipher = AES.new(settings.MESSAGE_KEY, AES.MODE_GCM)  #@safe
    blob, tag = cipher.encrypt_and_digest(str(body.get("text", "")).encode())
    payload = base64.b64encode(cipher.nonce + tag + blob).decode()
    return web.json_response({"to": body.get("to"), "payload": payload})
