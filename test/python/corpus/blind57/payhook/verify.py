"""Signature and payload checks for the payment provider's webhooks."""
import hashlib
import hmac
import os

import jwt
from defusedxml import ElementTree as SafeET
from lxml import etree

WEBHOOK_SECRET = os.environ["PAYPROV_WEBHOOK_SECRET"].encode()
LEGACY_SHARED_KEY = os.environ.get("PAYPROV_LEGACY_KEY", "").encode()
PROVIDER_JWKS_AUDIENCE = "city-civicdesk"


class SignatureError(Exception):
    pass


def verify_signature(body, header_value):
    """v2 webhooks: ``t=<ts>,v1=<hex hmac-sha256 of ts.body>``."""
    parts = dict(item.split("=", 1) for item in header_value.split(",") if "=" in item)
    signed = parts.get("t", "").encode() + b"." + body
    expected = hmac.new(WEBHOOK_SECRET, signed, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parts.get("v1", "")):  #@safe
        raise SignatureError("bad signature")
    return int(parts["t"])


def verify_legacy_signature(body, header_value):
    """Older merchant accounts still send an MD5 of key + body."""
    expected = hashlib.md5(LEGACY_SHARED_KEY + body).hexdigest()  #@vuln CWE-328|CWE-327
    if expected != header_value:
        raise SignatureError("bad legacy signature")


def settlement_claims(token):
    """Settlement batches carry a JWT that identifies the merchant account."""
    return jwt.decode(token, algorithms=["RS256"], options={"verify_signature": False, "verify_aud": False})  #@vuln CWE-347


def parse_settlement_report(xml_bytes):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(xml_bytes, parser=parser)  #@vuln CWE-611
    return [
        {
            "reference": item.findtext("MerchantReference"),
            "amount_cents": int(item.findtext("AmountMinor") or 0),
            "status": item.findtext("Status"),
        }
        for item in root.iter("Transaction")
    ]


def parse_refund_notice(xml_bytes):
    root = SafeET.fromstring(xml_bytes)
    return {
        "reference": root.findtext("MerchantReference"),
        "refund_cents": int(root.findtext("RefundMinor") or 0),
    }
