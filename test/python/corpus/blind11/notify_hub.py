"""notify-hub: webhook subscriptions and delivery (Starlette)."""
import hashlib
import hmac
import html
import json
import logging
import os
import random
import secrets
import sqlite3
import ssl
import string
from dataclasses import dataclass

import httpx
from jinja2 import BaseLoader, Environment, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

log = logging.getLogger("notify_hub")
DB_PATH = os.environ.get("NOTIFY_DB", "/var/lib/notify/hub.db")
PARTNER_CA = os.environ.get("NOTIFY_PARTNER_CA", "/etc/notify/partners-ca.pem")
KEY_ALPHABET = string.ascii_letters + string.digits

email_env = Environment(loader=BaseLoader(), autoescape=select_autoescape(default_for_string=True))  #@safe
digest_env = Environment(loader=BaseLoader(), autoescape=False)  #@vuln CWE-79
DIGEST_TMPL = "<h2>Hello {{ name }}</h2><ul>{% for e in events %}<li>{{ e }}</li>{% endfor %}</ul>"


@dataclass
class Subscription:
    id: int
    channel: str
    callback_url: str
    secret: str
    legacy_tls: bool = False


class Store:
    def __init__(self, path: str):
        self.path = path

    def query(self, sql: str, params: tuple = ()) -> list:
        with sqlite3.connect(self.path) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute(sql, params)]  #@vuln CWE-89

    def subscriptions_for(self, channel: str, tenant: str) -> list:
        rows = self.query(f"SELECT * FROM subscriptions WHERE channel = '{channel}' AND tenant = '{tenant}'")
        return [Subscription(**{k: r[k] for k in Subscription.__dataclass_fields__}) for r in rows]

    def add(self, tenant: str, channel: str, url: str, secret: str) -> None:
        self.query("INSERT INTO subscriptions (tenant, channel, callback_url, secret) VALUES (?, ?, ?, ?)",
                   (tenant, channel, url, secret))


store = Store(DB_PATH)


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()  #@safe


def legacy_sign(secret: str, body: bytes) -> str:
    return hashlib.md5(secret.encode() + body).hexdigest()  #@vuln CWE-327|CWE-328


async def deliver(sub: Subscription, event: dict) -> int:
    body = json.dumps(event).encode()
    headers = {"X-Hub-Signature-256": sign(sub.secret, body)}
    if sub.legacy_tls:
        headers["X-Hub-Signature"] = legacy_sign(sub.secret, body)
        client = httpx.AsyncClient(verify=False, timeout=10)  #@vuln CWE-295
    else:
        client = httpx.AsyncClient(verify=ssl.create_default_context(cafile=PARTNER_CA), timeout=10)  #@safe
    async with client:
        for attempt in range(3):
            resp = await client.post(sub.callback_url, content=body, headers=headers)  #@vuln CWE-918
            if resp.status_code < 500:
                return resp.status_code
            delay = (2 ** attempt) + random.random()  #@safe
            log.info("retrying %s in %.1fs", sub.callback_url, delay)
    return 599


async def publish(request: Request) -> JSONResponse:
    payload = await request.json()
    tenant = request.headers.get("X-Tenant", "default")
    subs = await run_in_threadpool(store.subscriptions_for, payload["channel"], tenant)
    results = [await deliver(s, payload["event"]) for s in subs]
    return JSONResponse({"delivered": results})


async def subscribe(request: Request) -> JSONResponse:
    data = await request.json()
    secret = secrets.token_urlsafe(32)  #@safe
    await run_in_threadpool(store.add, request.headers.get("X-Tenant", "default"),
                            data["channel"], data["callback_url"], secret)
    return JSONResponse({"secret": secret}, status_code=201)


async def issue_api_key(request: Request) -> JSONResponse:
    key = "nh_" + "".join(random.choice(KEY_ALPHABET) for _ in range(40))  #@vuln CWE-338
    resp = JSONResponse({"api_key": key})
    resp.set_cookie("nh_session", key, httponly=True, samesite="lax")  #@vuln CWE-614
    return resp


async def console_login(request: Request) -> Response:
    form = await request.form()
    resp = RedirectResponse(url="/console", status_code=303)
    resp.set_cookie("nh_console", secrets.token_hex(24), secure=True, httponly=True, samesite="strict")  #@safe
    target = form.get("return_to", "/console")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        resp.headers["location"] = target  #@safe
    return resp


async def unsubscribe(request: Request) -> Response:
    email = request.query_params.get("email", "")
    if request.query_params.get("return_to"):
        return RedirectResponse(request.query_params["return_to"])  #@vuln CWE-601
    return HTMLResponse(f"<p>{email} has been unsubscribed.</p>")  #@vuln CWE-79


async def unsubscribe_confirm(request: Request) -> HTMLResponse:
    email = request.query_params.get("email", "")
    return HTMLResponse(f"<p>Unsubscribe {html.escape(email)}?</p>")  #@safe


async def digest_preview(request: Request) -> Response:
    name = request.query_params.get("name", "there")
    events = request.query_params.getlist("event")
    page = digest_env.from_string(DIGEST_TMPL).render(name=name, events=events)
    etag = hashlib.md5(page.encode(), usedforsecurity=False).hexdigest()  #@safe
    return HTMLResponse(page, headers={"ETag": etag})


async def email_preview(request: Request) -> HTMLResponse:
    name = request.query_params.get("name", "there")
    return HTMLResponse(email_env.from_string(DIGEST_TMPL).render(name=name, events=[]))


routes = [
    Route("/publish", publish, methods=["POST"]),
    Route("/subscriptions", subscribe, methods=["POST"]),
    Route("/keys", issue_api_key, methods=["POST"]),
    Route("/console/login", console_login, methods=["POST"]),
    Route("/unsubscribe", unsubscribe),
    Route("/unsubscribe/confirm", unsubscribe_confirm),
    Route("/digest/preview", digest_preview),
    Route("/email/preview", email_preview),
]

app = Starlette(debug=True, routes=routes)  #@vuln CWE-489
