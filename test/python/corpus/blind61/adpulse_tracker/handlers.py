"""Request handlers for the pixel / click-redirect edge service."""
from __future__ import annotations

import base64
import logging
import re
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import jsonpickle
from aiohttp import web
from jose import jwt as jose_jwt

from adpulse_common.crypto import partner_signature

logger = logging.getLogger("adpulse.tracker")

PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
UID_COOKIE = "apuid"
ONE_YEAR = 365 * 24 * 3600


def _append_params(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(extra.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def _int_param(request: web.Request, name: str) -> int:
    try:
        return int(request.query.get(name, "0"))
    except ValueError:
        raise web.HTTPBadRequest(text=f"bad {name}")


def _with_cors(request: web.Request, resp: web.Response) -> web.Response:
    origin = request.headers.get("Origin")
    if origin:
        resp.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        resp.headers["Access-Control-Allow-Credentials"] = "true"
        resp.headers["Vary"] = "Origin"
    return resp


async def pixel(request: web.Request) -> web.Response:
    campaign_id = _int_param(request, "cid")
    creative_id = _int_param(request, "cr")
    uid = request.cookies.get(UID_COOKIE) or uuid.uuid4().hex
    await request.app["db"].execute(
        "INSERT INTO impressions_raw (campaign_id, creative_id, uid, ip, user_agent, referer, ts) "
        "VALUES ($1, $2, $3, $4, $5, $6, now())",
        campaign_id,
        creative_id,
        uid,
        request.remote,
        request.headers.get("User-Agent", "")[:512],
        request.headers.get("Referer", "")[:2048],
    )
    resp = web.Response(body=PIXEL_GIF, content_type="image/gif", headers={"Cache-Control": "no-store"})
    resp.set_cookie(UID_COOKIE, uid, max_age=ONE_YEAR, domain=request.app["config"].COOKIE_DOMAIN, path="/")  #@vuln CWE-614|CWE-1004
    return resp


async def click(request: web.Request) -> web.Response:
    click_id = request.match_info["click_id"]
    row = await request.app["db"].fetchrow(
        "SELECT c.id, c.landing_url FROM click_links l JOIN campaigns c ON c.id = l.campaign_id WHERE l.click_id = $1",
        click_id,
    )
    if row is None:
        fallback = request.query.get("fallback", "https://adpulse.io/")
        raise web.HTTPFound(fallback)  #@vuln CWE-601
    await request.app["db"].execute(
        "INSERT INTO clicks_raw (campaign_id, click_id, uid, ip, ts) VALUES ($1, $2, $3, $4, now())",
        row["id"],
        click_id,
        request.cookies.get(UID_COOKIE),
        request.remote,
    )
    raise web.HTTPFound(_append_params(row["landing_url"], {"apclid": click_id}))


async def go(request: web.Request) -> web.Response:
    target = request.query.get("to", "https://adpulse.io/")
    if urlsplit(target).hostname not in request.app["config"].REDIRECT_HOSTS:
        target = "https://adpulse.io/"
    raise web.HTTPFound(target)  #@safe


async def opt_out(request: web.Request) -> web.Response:
    cfg = request.app["config"]
    resp = web.HTTPSeeOther(request.query.get("return", "https://adpulse.io/privacy"))  #@vuln CWE-601
    resp.del_cookie(UID_COOKIE, domain=cfg.COOKIE_DOMAIN)
    resp.set_cookie("apoptout", "1", max_age=5 * ONE_YEAR, domain=cfg.COOKIE_DOMAIN, secure=True, httponly=True, samesite="None")  #@safe
    raise resp


async def campaign_unavailable(request: web.Request) -> web.Response:
    cid = request.query.get("cid", "")
    page = f"<html><body><h2>Campaign {cid} is not running right now</h2><a href='https://adpulse.io/'>AdPulse</a></body></html>"
    return web.Response(text=page, content_type="text/html")  #@vuln CWE-79


async def postback(request: web.Request) -> web.Response:
    partner = request.match_info["partner"]
    db = request.app["db"]
    cfg = await db.fetchrow("SELECT slug, secret, relay_url FROM partners WHERE slug = $1 AND enabled", partner)
    if cfg is None:
        raise web.HTTPNotFound()
    body = await request.read()
    if partner_signature(cfg["secret"], body) != request.headers.get("X-Signature", ""):
        raise web.HTTPForbidden(text="bad signature")

    auth = request.headers.get("Authorization", "")
    claims = jose_jwt.get_unverified_claims(auth.removeprefix("Bearer ").strip())  #@vuln CWE-347
    event = jsonpickle.decode(body.decode("utf-8"))  #@vuln CWE-502

    await db.execute(
        "INSERT INTO conversions (advertiser_id, partner, click_id, value_micros, ts) VALUES ($1, $2, $3, $4, now())",
        int(claims["adv"]),
        partner,
        str(event["click_id"]),
        int(event.get("value_micros", 0)),
    )
    if cfg["relay_url"]:
        relay = {"partner": partner, "click_id": str(event["click_id"]), "adv": int(claims["adv"])}
        async with request.app["http"].post(cfg["relay_url"], json=relay, ssl=False) as relay_resp:  #@vuln CWE-295
            logger.info("relay for %s answered %s", partner, relay_resp.status)
    return web.json_response({"ok": True})


async def creative_probe(request: web.Request) -> web.Response:
    url = request.query["url"]
    async with request.app["http"].get(url, allow_redirects=True) as resp:  #@vuln CWE-918
        head = await resp.content.read(65536)
        return web.json_response(
            {
                "status": resp.status,
                "content_type": resp.headers.get("Content-Type"),
                "size": int(resp.headers.get("Content-Length", len(head))),
            }
        )


async def attribute(request: web.Request) -> web.Response:
    data = await request.json()
    page_url = str(data["page_url"])
    pixel_id = int(data["pixel_id"])
    rules = await request.app["db"].fetch(
        "SELECT id, match_type, url_pattern, keyword FROM conversion_rules WHERE pixel_id = $1 AND active",
        pixel_id,
    )
    matched = []
    for rule in rules:
        if rule["match_type"] == "regex":
            hit = re.search(rule["url_pattern"], page_url) is not None  #@vuln CWE-1333
        else:
            hit = re.search(re.escape(rule["keyword"]), page_url, re.IGNORECASE) is not None  #@safe
        if hit:
            matched.append(rule["id"])
    if matched:
        await request.app["db"].executemany(
            "INSERT INTO rule_hits (rule_id, uid, page_url, ts) VALUES ($1, $2, $3, now())",
            [(rid, request.cookies.get(UID_COOKIE), page_url[:2048]) for rid in matched],
        )
    return _with_cors(request, web.json_response({"matched": matched}))
