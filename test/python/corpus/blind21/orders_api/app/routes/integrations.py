import json
import logging

import jwt
import yaml
from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request

from app.cache import redis_client
from app.config import get_settings
from app.models import User, WebhookRegistration
from app.partners import deliver_webhook, probe_endpoint
from app.security import get_current_user
from app.tasks import store_tracking_document

router = APIRouter(prefix="/integrations", tags=["integrations"])
settings = get_settings()
log = logging.getLogger(__name__)


@router.post("/shipfast/events")
async def shipfast_event(request: Request, background: BackgroundTasks):
    token = request.headers.get("X-ShipFast-Token", "")
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    if claims.get("iss") != "shipfast":
        raise HTTPException(401, "unexpected issuer")
    event = await request.json()
    log.info("shipfast event %s for merchant %s", event.get("type"), claims.get("merchant_id"))
    if event.get("type") == "document.ready":
        background.add_task(store_tracking_document, int(event["order_id"]), event["document_url"])
    return {"received": True}


@router.post("/paylink/events")
async def paylink_event(request: Request):
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        claims = jwt.decode(token, settings.paylink_webhook_secret, algorithms=["HS256"], audience="orderly")  #@safe
    except jwt.PyJWTError:
        raise HTTPException(401, "bad signature")
    event = await request.json()
    redis_client().lpush("orderly:paylink:events", json.dumps({"claims": claims, "event": event}))
    return {"received": True}


@router.post("/mappings")
async def upload_field_mapping(request: Request, user: User = Depends(get_current_user)):
    """Customers upload a YAML file mapping their ERP columns to ours."""
    raw = await request.body()
    mapping = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    if not isinstance(mapping, dict):
        raise HTTPException(400, "mapping must be a dict")
    redis_client().set(f"orderly:mapping:{user.id}", json.dumps(mapping, default=str))
    return {"fields": sorted(mapping)}


@router.post("/mappings/preview")
async def preview_field_mapping(request: Request, user: User = Depends(get_current_user)):
    mapping = yaml.safe_load(await request.body())  #@safe
    return {"fields": sorted(mapping) if isinstance(mapping, dict) else []}


@router.post("/webhooks")
def register_webhook(body: WebhookRegistration, user: User = Depends(get_current_user)):
    redis_client().hset(f"orderly:webhooks:{user.id}", body.url, json.dumps(body.events))
    return {"registered": body.url}


@router.post("/webhooks/test")
def test_webhook(body: WebhookRegistration, user: User = Depends(get_current_user)):
    return probe_endpoint(body.url)


@router.post("/webhooks/fire")
def fire_webhooks(event: str, user: User = Depends(get_current_user)):
    hooks = redis_client().hgetall(f"orderly:webhooks:{user.id}")
    results = {}
    for url, events in hooks.items():
        if event in json.loads(events):
            try:
                results[url.decode()] = deliver_webhook(url.decode(), {"event": event, "user": user.id}, settings.jwt_secret)
            except ValueError as exc:
                results[url.decode()] = str(exc)
    return results
