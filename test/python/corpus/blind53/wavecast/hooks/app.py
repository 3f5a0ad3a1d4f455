"""aiohttp service receiving payment and CDN webhooks."""
import asyncio
import hashlib
import hmac
import json
import logging
import secrets

import jsonpickle
import yaml
from aiohttp import web

from wavecast.common.security import partner_claims
from wavecast.common.settings import get_settings
from wavecast.hooks import handlers

log = logging.getLogger("wavecast.hooks")
settings = get_settings()
routes = web.RouteTableDef()


def stripe_signature_ok(payload: bytes, header: str) -> bool:
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    signed = f"{parts.get('t', '')}.".encode() + payload
    expected = hmac.new(settings.stripe_webhook_secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


def cdn_token_ok(request: web.Request) -> bool:
    supplied = request.headers.get("X-CDN-Token", "")
    return hmac.compare_digest(supplied, settings.cdn_api_token)


async def _offload(func, *args):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, func, *args)


@routes.post("/webhooks/payments")
async def payments(request: web.Request) -> web.Response:
    payload = await request.read()
    if not stripe_signature_ok(payload, request.headers.get("Stripe-Signature", "")):
        return web.json_response({"error": "bad signature"}, status=400)
    event = json.loads(payload)
    await _offload(handlers.record_event, "stripe", event)
    if event["type"] == "charge.refunded":
        await _offload(handlers.apply_refund, event)
    else:
        await _offload(handlers.apply_subscription_event, event)
    return web.json_response({"received": True})


@routes.post("/webhooks/cdn")
async def cdn_events(request: web.Request) -> web.Response:
    if not cdn_token_ok(request):
        return web.json_response({"error": "forbidden"}, status=403)
    body = await request.read()
    if request.content_type in ("application/xml", "text/xml"):
        objects = await _offload(handlers.parse_cdn_manifest, body)
        return web.json_response({"objects": len(objects)})
    if request.content_type in ("application/x-yaml", "text/yaml"):
        event = yaml.load(body, Loader=yaml.Loader)  #@vuln CWE-502
    else:
        event = json.loads(body)
    await _offload(handlers.record_event, "cdn", event)
    if event.get("type") == "cdn.purge.completed":
        await _offload(handlers.handle_purge_completed, event)
    if "metrics" in event:
        await _offload(handlers.report_edge_health, event["metrics"])
    return web.json_response({"received": True})


@routes.post("/webhooks/cdn/logs")
async def cdn_logs(request: web.Request) -> web.Response:
    if not cdn_token_ok(request):
        return web.json_response({"error": "forbidden"}, status=403)
    body = await request.read()
    if request.content_type.endswith("xml"):
        summary = handlers.parse_cdn_log_summary(body)
    else:
        summary = yaml.safe_load(body)  #@safe
    await _offload(handlers.record_event, "cdn-logs", {"type": "cdn.logs", "summary": summary})
    return web.json_response({"received": True})


@routes.post("/webhooks/partners/{partner}")
async def partner_callback(request: web.Request) -> web.Response:
    raw = await request.text()
    event = jsonpickle.decode(raw)  #@vuln CWE-502
    await _offload(handlers.record_event, f"partner:{request.match_info['partner']}", dict(event))
    return web.json_response({"received": True})


@routes.get("/internal/events")
async def list_events(request: web.Request) -> web.Response:
    customer = request.query.get("customer")
    if customer and "type" in request.query:
        rows = await _offload(handlers.events_of_type, customer, request.query["type"])
    elif customer:
        rows = await _offload(handlers.events_for_customer, customer)
    else:
        rows = await _offload(handlers.find_events, request.query.get("filter", "{}"))
    return web.json_response(rows, dumps=lambda obj: json.dumps(obj, default=str))


@routes.get("/partners/session")
async def partner_session(request: web.Request) -> web.Response:
    token = request.query.get("token", "")
    claims = partner_claims(token)
    resp = web.json_response({"partner": claims.get("partner_id")})
    resp.set_cookie("wc_partner", token, max_age=86400, path="/")  #@vuln CWE-614|CWE-1004
    resp.set_cookie("wc_partner_csrf", secrets.token_urlsafe(16), secure=True, httponly=True, samesite="Strict")  #@safe
    origin = request.headers.get("Origin")
    if origin:
        resp.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


def create_app() -> web.Application:
    app = web.Application(client_max_size=5 * 1024 ** 2)
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    web.run_app(create_app(), host="0.0.0.0", port=8081)
