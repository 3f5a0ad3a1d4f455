"""Partner integration gateway.

Small aiohttp service that receives order / inventory pushes from partners
and exposes a few self-service tools used during partner onboarding.
"""
import asyncio
import base64
import html
import logging
import os
import pickle
import re
import ssl
from asyncio.subprocess import PIPE

import aiohttp
import jwt
import yaml
from aiohttp import web
from defusedxml import ElementTree as SafeET
from lxml import etree

log = logging.getLogger("partner_gateway")
routes = web.RouteTableDef()

PARTNER_CA_BUNDLE = os.environ.get("PARTNER_CA_BUNDLE", "/etc/ssl/certs/partners.pem")
PARTNER_JWT_PUBLIC_KEY = os.environ.get("PARTNER_JWT_PUBLIC_KEY", "")
STATUS_FEED_URL = "https://status.example-partner.net/feed.json"
LEGACY_EDI_URL = "https://edi.legacy-partner.example.net/outbox"
KNOWN_HOSTS = "/var/lib/partner-gateway/known_hosts"
HOSTNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$")


def _partner_ssl_context():
    ctx = ssl.create_default_context(cafile=PARTNER_CA_BUNDLE)  #@safe
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def _legacy_ssl_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx


def _partner_from_header(request):
    token = request.headers.get("X-Partner-Token", "")
    claims = jwt.decode(token, algorithms=["RS256"], options={"verify_signature": False})  #@vuln CWE-347
    return claims["partner_id"]


def _partner_from_bearer(request):
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, PARTNER_JWT_PUBLIC_KEY, algorithms=["RS256"], audience="partner-gateway")  #@safe
    return claims["partner_id"]


@routes.post("/partners/orders.xml")
async def import_orders_xml(request):
    partner = _partner_from_header(request)
    body = await request.read()
    try:
        doc = etree.fromstring(body, etree.XMLParser(resolve_entities=True, load_dtd=True))  #@vuln CWE-611
    except etree.XMLSyntaxError as exc:
        raise web.HTTPBadRequest(text=str(exc))
    orders = [{"id": o.get("id"), "sku": o.findtext("sku"), "qty": int(o.findtext("qty") or 0)} for o in doc.iter("order")]
    await request.app["order_queue"].put((partner, orders))
    return web.json_response({"accepted": len(orders)})


@routes.post("/partners/inventory.xml")
async def import_inventory_xml(request):
    partner = _partner_from_bearer(request)
    root = SafeET.fromstring(await request.read())  #@safe
    levels = {el.get("sku"): int(el.get("level", "0")) for el in root.iter("stock")}
    await request.app["inventory_queue"].put((partner, levels))
    return web.json_response({"accepted": len(levels)})


@routes.put("/partners/{partner}/mapping")
async def upload_mapping(request):
    raw = await request.text()
    mapping = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    request.app["mappings"][request.match_info["partner"]] = mapping
    return web.json_response({"fields": len(mapping or {})})


@routes.put("/partners/{partner}/settings")
async def upload_settings(request):
    settings = yaml.safe_load(await request.text())  #@safe
    request.app["settings"][request.match_info["partner"]] = settings or {}
    return web.json_response({"ok": True})


@routes.post("/partners/{partner}/resume")
async def resume_sync(request):
    data = await request.json()
    cursor_state = pickle.loads(base64.b64decode(data["cursor"]))  #@vuln CWE-502
    request.app["cursors"][request.match_info["partner"]] = cursor_state
    return web.json_response({"resumed_from": str(cursor_state.get("offset"))})


@routes.get("/tools/preview")
async def preview_feed(request):
    url = request.query.get("url", "")
    async with request.app["http"].get(url, timeout=aiohttp.ClientTimeout(total=8)) as resp:  #@vuln CWE-918
        sample = await resp.text()
    return web.json_response({"status": resp.status, "sample": sample[:2000]})


@routes.post("/tools/trust-host")
async def trust_sftp_host(request):
    form = await request.post()
    host = form.get("host", "")
    proc = await asyncio.create_subprocess_shell(f"ssh-keyscan -T 5 {host} >> {KNOWN_HOSTS}", stdout=PIPE, stderr=PIPE)  #@vuln CWE-78
    _, err = await proc.communicate()
    return web.json_response({"ok": proc.returncode == 0, "stderr": err.decode()[-500:]})


@routes.get("/tools/host-keys")
async def show_host_keys(request):
    host = request.query.get("host", "")
    if not HOSTNAME_RE.match(host):
        raise web.HTTPBadRequest(text="invalid host")
    proc = await asyncio.create_subprocess_exec("ssh-keyscan", "-T", "5", host, stdout=PIPE, stderr=PIPE)  #@safe
    out, _ = await proc.communicate()
    return web.json_response({"keys": out.decode().splitlines()})


@routes.get("/partners/{partner}/welcome")
async def partner_welcome(request):
    contact = request.query.get("contact", "")
    page = f"<html><body><h1>Welcome {contact}</h1><p>Partner: {html.escape(request.match_info['partner'])}</p></body></html>"
    return web.Response(text=page, content_type="text/html")  #@vuln CWE-79


async def refresh_status(app):
    async with app["http"].get(STATUS_FEED_URL, ssl=app["partner_ssl"]) as resp:  #@safe
        app["status"] = await resp.json()
    async with app["http"].get(LEGACY_EDI_URL, ssl=_legacy_ssl_context()) as resp:
        app["legacy_outbox"] = await resp.read()


async def on_startup(app):
    app["partner_ssl"] = _partner_ssl_context()
    app["http"] = aiohttp.ClientSession()
    app["order_queue"] = asyncio.Queue()
    app["inventory_queue"] = asyncio.Queue()
    await refresh_status(app)


async def on_cleanup(app):
    await app["http"].close()


def make_app():
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app.update(mappings={}, settings={}, cursors={})
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    web.run_app(make_app(), host="0.0.0.0", port=8081)
