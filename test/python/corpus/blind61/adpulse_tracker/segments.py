"""Audience segment look-ups backed by MongoDB (motor)."""
from __future__ import annotations

from bson import ObjectId
from bson.errors import InvalidId
from aiohttp import web


def _serialise(doc: dict) -> dict:
    doc = dict(doc)
    doc["_id"] = str(doc["_id"])
    return doc


async def segment_by_id(request: web.Request) -> web.Response:
    db = request.app["mongo"]
    advertiser_id = int(request.match_info["advertiser_id"])
    try:
        segment_id = ObjectId(request.match_info["segment_id"])
    except InvalidId:
        raise web.HTTPNotFound()
    doc = await db.segments.find_one({"_id": segment_id, "advertiser_id": advertiser_id})  #@safe
    if doc is None:
        raise web.HTTPNotFound()
    return web.json_response(_serialise(doc))


async def segment_by_name(request: web.Request) -> web.Response:
    db = request.app["mongo"]
    advertiser_id = int(request.query["adv"])
    name = request.query.get("name", "")
    doc = await db.segments.find_one({"advertiser_id": advertiser_id, "$where": "this.name == '" + name + "'"})  #@vuln CWE-943
    if doc is None:
        raise web.HTTPNotFound()
    return web.json_response(_serialise(doc))


async def segment_members(request: web.Request) -> web.Response:
    db = request.app["mongo"]
    body = await request.json()
    query = {"advertiser_id": int(body["advertiser_id"]), "segment_id": str(body["segment_id"])}
    query.update(body.get("filter", {}))
    limit = min(int(body.get("limit", 100)), 1000)
    cursor = db.audience_members.find(query, {"_id": 0, "uid": 1, "country": 1, "last_seen": 1}).limit(limit)  #@vuln CWE-943
    members = [m async for m in cursor]
    for m in members:
        if m.get("last_seen"):
            m["last_seen"] = m["last_seen"].isoformat()
    return web.json_response({"members": members, "count": len(members)})


async def membership(request: web.Request) -> web.Response:
    db = request.app["mongo"]
    uid = str(request.cookies.get("apuid", ""))
    if not uid:
        return web.json_response({"segments": []})
    cursor = db.audience_members.find({"uid": uid}, {"_id": 0, "segment_id": 1})
    return web.json_response({"segments": sorted({m["segment_id"] async for m in cursor})})
