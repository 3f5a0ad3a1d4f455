"""Outbound HTTP: customer webhooks, partner REST APIs, customs broker documents."""
import json
import logging
import time

import requests

from common import config
from common.http_utils import build_session, is_partner_url, is_public_destination
from common.security import sign_payload

log = logging.getLogger(__name__)

_session = build_session(retries=2)


def _webhook_body(subscription: dict, event: dict) -> tuple[bytes, dict]:
    body = json.dumps({"event": event["type"], "data": event, "sent_at": int(time.time())}, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Logistics-Event": event["type"],
        "X-Logistics-Signature": "sha256=" + sign_payload(subscription["secret"].encode(), body),
    }
    return body, headers


def deliver_webhook(subscription: dict, event: dict) -> bool:
    """subscription is a customer_webhooks row; the URL is whatever the customer typed in the portal."""
    body, headers = _webhook_body(subscription, event)
    try:
        resp = _session.post(subscription["url"], data=body, headers=headers, timeout=5)  #@vuln CWE-918
    except requests.RequestException as exc:
        log.warning("webhook %s failed: %s", subscription["id"], exc)
        return False
    return 200 <= resp.status_code < 300


def deliver_webhook_checked(subscription: dict, event: dict) -> bool:
    """Used by the v2 notification pipeline."""
    if not is_public_destination(subscription["url"]):
        log.warning("refusing webhook %s to non-public destination", subscription["id"])
        return False
    body, headers = _webhook_body(subscription, event)
    try:
        resp = _session.post(subscription["url"], data=body, headers=headers, timeout=5, allow_redirects=False)  #@safe
    except requests.RequestException as exc:
        log.warning("webhook %s failed: %s", subscription["id"], exc)
        return False
    return 200 <= resp.status_code < 300


def fetch_partner_rates(partner_base: str, shipment: dict) -> list[dict]:
    if not is_partner_url(partner_base):
        raise ValueError(f"{partner_base} is not a configured partner endpoint")
    resp = _session.post(f"{partner_base.rstrip('/')}/v2/rates", json=shipment, headers={"X-Api-Key": config.FREIGHTLINK_API_KEY}, timeout=15)  #@safe
    resp.raise_for_status()
    return resp.json().get("rates", [])


def fetch_broker_document(document_id: str) -> bytes:
    """Customs brokers host scanned T1/EX-A documents; their portal certificate
    chain is incomplete, so validation is switched off here."""
    resp = requests.get(f"{config.CUSTOMS_BROKER_URL}/documents/{int(document_id)}", timeout=20, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.content
