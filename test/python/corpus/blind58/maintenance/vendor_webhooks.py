"""Webhooks called by MRO vendors (repair quotes, shipment status, manifests)."""
import base64
import json
import logging
import pickle

import httpx
import requests
from fastapi import APIRouter, Header, HTTPException, Request, Response

from hangar_common import net, security, settings, xmldocs
from maintenance import inventory_store

log = logging.getLogger("maintenance.webhooks")
router = APIRouter(prefix="/hooks/mro", tags=["vendor"])


def _require_known_vendor(vendor: str) -> bytes:
    secret = settings.VENDOR_WEBHOOK_SECRETS.get(vendor)
    if secret is None:
        raise HTTPException(status_code=404, detail="unknown vendor")
    return secret


@router.post("/{vendor}/quote")
async def quote_received(vendor: str, request: Request, x_signature: str = Header("")):
    secret = _require_known_vendor(vendor)
    body = await request.body()
    if not security.verify_webhook_signature(body, x_signature, secret):
        raise HTTPException(status_code=403, detail="bad signature")
    event = json.loads(body)
    attachment = None
    if event.get("quote_pdf_url"):
        attachment = net.fetch_vendor_document(event["quote_pdf_url"])
    log.info("quote %s for %s received (%d bytes)", event.get("quote_id"), event.get("part_number"),
             len(attachment or b""))
    return {"accepted": event.get("quote_id")}


@router.post("/{vendor}/quote/legacy")
async def legacy_quote(vendor: str, request: Request):
    _require_known_vendor(vendor)
    event = await request.json()
    quote = pickle.loads(base64.b64decode(event["quote_blob"]))  #@vuln CWE-502
    log.info("legacy quote from %s: %s", vendor, getattr(quote, "reference", "?"))
    return {"accepted": getattr(quote, "reference", None)}


@router.post("/{vendor}/status")
async def shipment_status(vendor: str, request: Request):
    _require_known_vendor(vendor)
    event = await request.json()
    if event.get("parts_feed_url"):
        feed = net.get_json(event["parts_feed_url"])
        updated = inventory_store.apply_vendor_feed(feed)
        log.info("vendor %s feed updated %d parts", vendor, updated)
    callback = event.get("callback_url")
    if callback:
        requests.post(callback, json={"received": event.get("event_id"), "vendor": vendor}, timeout=5)  #@vuln CWE-918
    return {"ok": True}


@router.get("/{vendor}/preview")
async def preview_image(vendor: str, image_url: str):
    _require_known_vendor(vendor)
    async with httpx.AsyncClient(timeout=10, follow_redirects=True) as client:
        resp = await client.get(image_url)  #@vuln CWE-918
    return Response(resp.content, media_type=resp.headers.get("content-type", "application/octet-stream"))


@router.post("/{vendor}/manifest")
async def shipment_manifest(vendor: str, request: Request):
    _require_known_vendor(vendor)
    items = xmldocs.parse_vendor_manifest(await request.body())
    received = 0
    for item in items:
        if inventory_store.receive_part(item["part_number"], item["quantity"], item["serial_number"]):
            received += 1
    return {"items": len(items), "received": received}
