"""aiohttp receiver for payment provider webhooks (parking fines and permit fees)."""
import json
import logging
import os
import ssl
from urllib.parse import urlparse

import aiohttp
import asyncpg
from aiohttp import web

from . import verify

log = logging.getLogger("payhook")
routes = web.RouteTableDef()

DATABASE_DSN = os.environ.get("PAYHOOK_DATABASE_DSN", "postgresql:///civicdesk")
PROVIDER_API = "https://api.payprov.example/v2"
PROVIDER_CA = "/etc/civicdesk/certs/payprov-chain.pem"
RETURN_HOSTS = {"portal.city.example", "kiosk.city.example"}


@routes.post("/webhooks/payments")
async def payment_event(request):
    body = await request.read()
    signature = request.headers.get("Payprov-Signature")
    try:
        if signature:
            verify.verify_signature(body, signature)
        else:
            verify.verify_legacy_signature(body, request.headers.get("X-Payprov-Md5", ""))
    except verify.SignatureError:
        raise web.HTTPUnauthorized()

    event = json.loads(body)
    reference = event["data"]["merchant_reference"]
    pool = request.app["db"]
    async with pool.acquire() as conn:
        if event["type"] == "payment.succeeded" and reference.startswith("PT"):
            await conn.execute(  #@safe
                "UPDATE core_parkingticket SET status = 'paid' WHERE ticket_no = $1", reference[2:]
            )
        elif event["type"] == "payment.succeeded":
            await conn.execute(f"UPDATE core_permit SET status = 'submitted' WHERE reference = '{reference}'")  #@vuln CWE-89
    return web.json_response({"received": True})


@routes.post("/webhooks/settlements")
async def settlement(request):
    claims = verify.settlement_claims(request.headers.get("Authorization", "").removeprefix("Bearer "))
    rows = verify.parse_settlement_report(await request.read())
    log.info("settlement batch from %s with %d rows", claims.get("merchant"), len(rows))
    return web.json_response({"rows": len(rows)})


@routes.post("/webhooks/refunds")
async def refund(request):
    notice = verify.parse_refund_notice(await request.read())
    return web.json_response(notice)


@routes.get("/payments/receipt")
async def receipt_page(request):
    payer = request.query.get("payer", "")
    reference = request.query.get("ref", "")
    html = (
        "<html><body><h1>Thank you, " + payer + "</h1>"
        "<p>Your payment for <b>" + reference + "</b> was received.</p></body></html>"
    )
    return web.Response(text=html, content_type="text/html")  #@vuln CWE-79


@routes.get("/payments/return")
async def payment_return(request):
    target = request.query.get("next", "/")
    raise web.HTTPFound(target)  #@vuln CWE-601


@routes.get("/payments/kiosk-return")
async def kiosk_return(request):
    target = request.query.get("next", "https://kiosk.city.example/")
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in RETURN_HOSTS:
        target = "https://kiosk.city.example/"
    raise web.HTTPFound(target)  #@safe


@routes.post("/payments/receipt-copy")
async def receipt_copy(request):
    payload = await request.json()
    async with aiohttp.ClientSession() as session:
        async with session.get(payload["receipt_url"], timeout=aiohttp.ClientTimeout(total=10)) as resp:  #@vuln CWE-918
            pdf_bytes = await resp.read()
    return web.Response(body=pdf_bytes, content_type="application/pdf")


async def fetch_payment(session, payment_id):
    async with session.get(f"{PROVIDER_API}/payments/{payment_id}", ssl=False) as resp:  #@vuln CWE-295
        resp.raise_for_status()
        return await resp.json()


async def fetch_refund(session, refund_id):
    ctx = ssl.create_default_context(cafile=PROVIDER_CA)
    async with session.get(f"{PROVIDER_API}/refunds/{refund_id}", ssl=ctx) as resp:  #@safe
        resp.raise_for_status()
        return await resp.json()


@routes.get("/payments/{payment_id}")
async def payment_status(request):
    headers = {"Authorization": f"Bearer {os.environ['PAYPROV_API_KEY']}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        payment = await fetch_payment(session, request.match_info["payment_id"])
    return web.json_response({"status": payment.get("status"), "amount": payment.get("amount")})


async def _open_db(app):
    app["db"] = await asyncpg.create_pool(DATABASE_DSN, min_size=1, max_size=5)
    yield
    await app["db"].close()


def make_app():
    app = web.Application(client_max_size=2 * 1024 * 1024)
    app.add_routes(routes)
    app.cleanup_ctx.append(_open_db)
    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    web.run_app(make_app(), port=int(os.environ.get("PAYHOOK_PORT", "8095")))
