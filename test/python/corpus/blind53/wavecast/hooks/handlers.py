"""Business logic for payment-provider and CDN webhook events."""
import json
import logging
from datetime import datetime, timezone

import requests
from defusedxml import ElementTree as SafeET
from lxml import etree
from pymongo import DESCENDING, MongoClient
from sqlalchemy import text

from wavecast.common import cache
from wavecast.common.db import engine
from wavecast.common.settings import get_settings
from wavecast.common.templating import build_message, render_email

log = logging.getLogger(__name__)
settings = get_settings()

_mongo = MongoClient(settings.mongo_url, serverSelectionTimeoutMS=3000)
events = _mongo["wavecast"]["webhook_events"]

SUBSCRIPTION_STATUS = {
    "customer.subscription.created": "active",
    "customer.subscription.updated": "active",
    "customer.subscription.deleted": "cancelled",
    "invoice.payment_failed": "past_due",
}
KNOWN_EVENT_TYPES = set(SUBSCRIPTION_STATUS) | {"charge.refunded", "cdn.purge.completed"}


def record_event(source: str, payload: dict) -> None:
    events.insert_one(
        {
            "source": source,
            "type": payload.get("type"),
            "customer": (payload.get("data") or {}).get("object", {}).get("customer"),
            "payload": payload,
            "received_at": datetime.now(timezone.utc),
        }
    )


def find_events(raw_filter: str, limit: int = 100) -> list:
    query = json.loads(raw_filter)
    cursor = events.find(query, {"_id": 0}).sort("received_at", DESCENDING).limit(limit)  #@vuln CWE-943
    return list(cursor)


def events_for_customer(customer: str) -> list:
    return list(events.find({"$where": "this.customer == '" + customer + "'"}, {"_id": 0}))  #@vuln CWE-943


def events_of_type(customer: str, event_type: str) -> list:
    if event_type not in KNOWN_EVENT_TYPES:
        return []
    return list(events.find({"customer": str(customer), "type": event_type}, {"_id": 0}))  #@safe


def apply_subscription_event(event: dict) -> None:
    status = SUBSCRIPTION_STATUS.get(event["type"])
    if status is None:
        return
    obj = event["data"]["object"]
    plan = (obj.get("metadata") or {}).get("plan", "listener")
    customer = obj["customer"]
    with engine.begin() as conn:
        conn.execute(text("UPDATE subscriptions SET status = '%s', plan = '%s' WHERE stripe_customer = '%s'" % (status, plan, customer)))  #@vuln CWE-89
    cache.client().delete(f"subscription:{customer}")
    if status == "past_due":
        _notify_payment_failed(customer, obj.get("customer_email"))


def apply_refund(event: dict) -> None:
    obj = event["data"]["object"]
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE subscriptions SET status = :status WHERE stripe_customer = :customer"),
            {"status": "refunded", "customer": obj["customer"]},
        )


def _notify_payment_failed(customer: str, email: str) -> None:
    if not email:
        return
    html_body = render_email("payment_failed.html", customer=customer)
    text_body = render_email("payment_failed.txt", customer=customer)
    message = build_message(email, "Your Wavecast payment failed", html_body, text_body)
    cache.client().rpush("outbox", message.as_string())


def handle_purge_completed(event: dict) -> None:
    callback = event.get("callback_url")
    if callback:
        requests.post(callback, json={"purge_id": event.get("id"), "status": "done"}, timeout=5)  #@vuln CWE-918
    for path in event.get("paths", []):
        cache.client().delete(f"edge:{path}")


def report_edge_health(metrics: dict) -> None:
    try:
        requests.post("https://metrics.edgecdn.internal/ingest", json=metrics, timeout=5, verify=False)  #@vuln CWE-295
    except requests.RequestException as exc:
        log.warning("edge metrics push failed: %s", exc)


def parse_cdn_manifest(xml_bytes: bytes) -> list:
    root = etree.fromstring(xml_bytes, etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
    return [
        {"path": node.get("path"), "status": node.findtext("status"), "bytes": node.findtext("bytes")}
        for node in root.iter("object")
    ]


def parse_cdn_log_summary(xml_bytes: bytes) -> dict:
    root = SafeET.fromstring(xml_bytes)
    return {child.tag: child.text for child in root}
