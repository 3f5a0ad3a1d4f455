"""Relay of shipment events to customer webhook endpoints."""
import asyncio
import hashlib
import hmac
import json
import logging
import random
import time
from urllib.parse import urlparse

import httpx
from fastapi import APIRouter, Depends, Header, HTTPException
from pydantic import BaseModel, HttpUrl
from sqlalchemy import insert, select

from .db import engine, webhook_subscriptions
from .repository import get_customer
from .settings import settings

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
log = logging.getLogger("haulwise.webhooks")

PARTNER_RELAY_HOSTS = {"hooks.sap-logistics.example", "edi.transporeon.example", "api.project44.example"}


class Subscription(BaseModel):
    event: str
    target_url: HttpUrl
    signing: str = "sha256"


class ProbeRequest(BaseModel):
    url: str


def _customer_id(x_customer_id: int = Header(...)) -> int:
    return x_customer_id


def sign_payload(secret: str, body: bytes, scheme: str) -> str:
    if scheme == "md5-legacy":
        return hashlib.md5(secret.encode() + body).hexdigest()  #@vuln CWE-328|CWE-327
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()  #@safe


def _backoff(attempt: int) -> float:
    return min(300.0, 2 ** attempt) + random.uniform(0, 1.5)  #@safe


customer_client = httpx.Client(timeout=settings.webhook_timeout, verify=False, follow_redirects=True)  #@vuln CWE-295


@router.post("/subscriptions", status_code=201)
def create_subscription(sub: Subscription, customer_id: int = Depends(_customer_id)):
    with engine.begin() as conn:
        result = conn.execute(
            insert(webhook_subscriptions).values(
                customer_id=customer_id, event=sub.event, target_url=str(sub.target_url), signing=sub.signing
            )
        )
    return {"id": result.inserted_primary_key[0]}


@router.post("/probe")
def probe_endpoint(req: ProbeRequest, customer_id: int = Depends(_customer_id)):
    started = time.monotonic()
    try:
        resp = httpx.get(req.url, timeout=5.0)  #@vuln CWE-918
    except httpx.HTTPError as exc:
        return {"reachable": False, "error": str(exc)}
    return {
        "reachable": True,
        "status": resp.status_code,
        "elapsed_ms": int((time.monotonic() - started) * 1000),
        "body_preview": resp.text[:500],
    }


def _subscriptions_for(customer_id: int, event: str) -> list[dict]:
    stmt = (
        select(webhook_subscriptions)
        .where(webhook_subscriptions.c.customer_id == customer_id)
        .where(webhook_subscriptions.c.event == event)
        .where(webhook_subscriptions.c.active.is_(True))
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def deliver_event(customer_id: int, event: str, payload: dict) -> list[dict]:
    customer = get_customer(customer_id) or {}
    body = json.dumps({"event": event, "data": payload, "ts": int(time.time())}, default=str).encode()
    results = []
    for sub in _subscriptions_for(customer_id, event):
        signature = sign_payload(customer.get("webhook_secret") or "", body, sub["signing"])
        headers = {"Content-Type": "application/json", "X-Haulwise-Signature": signature}
        for attempt in range(settings.webhook_max_attempts):
            try:
                resp = customer_client.post(sub["target_url"], content=body, headers=headers)  #@vuln CWE-918
                results.append({"subscription": sub["id"], "status": resp.status_code})
                if resp.status_code < 500:
                    break
            except httpx.HTTPError as exc:
                log.warning("delivery %s failed: %s", sub["id"], exc)
            time.sleep(_backoff(attempt))
    return results


async def forward_to_partner(partner_url: str, payload: dict) -> int:
    host = urlparse(partner_url).hostname
    if urlparse(partner_url).scheme != "https" or host not in PARTNER_RELAY_HOSTS:
        raise HTTPException(400, "partner host not allowed")
    async with httpx.AsyncClient(verify=settings.webhook_ca_bundle, timeout=settings.webhook_timeout) as client:  #@safe
        resp = await client.post(partner_url, json=payload)  #@safe
    return resp.status_code


@router.post("/partners/forward")
async def partner_forward(partner_url: str, payload: dict, customer_id: int = Depends(_customer_id)):
    status = await forward_to_partner(partner_url, payload)
    return {"partner_status": status}


@router.post("/replay/{event}")
async def replay(event: str, payload: dict, customer_id: int = Depends(_customer_id)):
    loop = asyncio.get_running_loop()
    results = await loop.run_in_executor(None, deliver_event, customer_id, event, payload)
    if not results:
        raise HTTPException(404, "no active subscriptions")
    return {"deliveries": results}
