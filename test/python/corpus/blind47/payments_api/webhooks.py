"""Inbound provider webhooks: Stripe, PayPal (REST webhooks + legacy IPN)."""
import base64
import json
import logging
import pickle
import zlib
from urllib.parse import parse_qsl

import requests
import stripe
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import PlainTextResponse
from sqlalchemy import text
from sqlalchemy.orm import Session

from common.config import get_settings
from ledger.models import get_db
from payments_api import services
from workers.tasks import notify_payout, send_receipt_email

log = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])
settings = get_settings()
IPN_VERIFY_URL = "https://ipnpb.paypal.com/cgi-bin/webscr"
_cert_cache: dict[str, bytes] = {}


@router.post("/stripe")
async def stripe_webhook(request: Request, stripe_signature: str = Header(None), db: Session = Depends(get_db)):
    payload = await request.body()
    try:
        event = stripe.Webhook.construct_event(payload, stripe_signature, settings.stripe_webhook_secret)
    except (ValueError, stripe.error.SignatureVerificationError):
        raise HTTPException(400, "bad signature")
    obj = event["data"]["object"]
    etype = event["type"]
    if etype == "payment_intent.succeeded":
        db.execute(text("UPDATE payments SET status = 'succeeded', captured_at = now() WHERE provider_ref = :ref"), {"ref": obj["id"]})  #@safe
        send_receipt_email.delay(obj["id"])
    elif etype == "charge.refunded":
        services.mark_refunded(db, obj["payment_intent"], obj["amount_refunded"])
    elif etype in ("payout.paid", "payout.failed"):
        payout_id = services.mark_payout(db, obj["id"], obj["status"])
        if payout_id:
            notify_payout.delay(payout_id)
    else:
        log.debug("ignoring stripe event %s", etype)
    db.commit()
    return {"received": True}


def _verify_paypal_signature(headers, body: bytes) -> bool:
    cert_url = headers.get("paypal-cert-url", "")
    message = "|".join([headers.get("paypal-transmission-id", ""), headers.get("paypal-transmission-time", ""), settings.paypal_webhook_id, str(zlib.crc32(body))]).encode()
    signature = base64.b64decode(headers.get("paypal-transmission-sig", ""))
    cert_pem = _cert_cache.get(cert_url)
    if cert_pem is None:
        cert_pem = requests.get(cert_url, timeout=5).content  #@vuln CWE-918
        _cert_cache[cert_url] = cert_pem
    cert = x509.load_pem_x509_certificate(cert_pem)
    try:
        cert.public_key().verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


@router.post("/paypal")
async def paypal_webhook(request: Request, db: Session = Depends(get_db)):
    body = await request.body()
    if not _verify_paypal_signature(request.headers, body):
        raise HTTPException(400, "bad signature")
    event = json.loads(body)
    if event.get("event_type") == "PAYMENT.CAPTURE.COMPLETED":
        db.execute(text("UPDATE payments SET status = 'succeeded', captured_at = now() WHERE provider = 'paypal' AND provider_ref = :ref"), {"ref": event["resource"]["id"]})
        db.commit()
    return {"ok": True}


@router.post("/paypal/ipn")
async def paypal_ipn(request: Request, db: Session = Depends(get_db)):
    raw = await request.body()
    check = requests.post(IPN_VERIFY_URL, data=b"cmd=_notify-validate&" + raw, headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=10)  #@safe
    if check.text != "VERIFIED":
        raise HTTPException(400, "IPN not verified")
    form = dict(parse_qsl(raw.decode()))
    # legacy buttons carry our order context in `custom` (base64 pickle written by the old checkout)
    order_ctx = pickle.loads(base64.b64decode(form.get("custom", "")))  #@vuln CWE-502
    if form.get("payment_status") == "Completed":
        db.execute(text("UPDATE payments SET status = 'succeeded', provider_ref = :txn WHERE id = :id"), {"txn": form.get("txn_id"), "id": order_ctx["payment_id"]})
        db.commit()
    return PlainTextResponse("")
