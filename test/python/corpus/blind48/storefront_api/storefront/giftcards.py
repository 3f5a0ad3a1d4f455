"""Gift cards (MongoDB) and affiliate coupons (Postgres)."""
import datetime
import decimal
import hashlib
import logging
import os
import secrets

from flask import Blueprint, abort, jsonify, make_response, request
from pymongo import MongoClient

from retail_common.config import MONGO_DB, MONGO_URI
from retail_common.crypto import (generate_gift_card_number,
                                  generate_gift_card_pin, hash_gift_card_number)
from retail_common.db import get_conn

log = logging.getLogger(__name__)

bp = Blueprint("giftcards", __name__, url_prefix="/api")

cards = MongoClient(MONGO_URI)[MONGO_DB]["cards"]
ISSUER_API_KEY = os.environ.get("GIFTCARD_ISSUER_KEY", "")


def _require_issuer():
    if not secrets.compare_digest(request.headers.get("X-Issuer-Key", ""), ISSUER_API_KEY) or not ISSUER_API_KEY:
        abort(403)


@bp.post("/giftcards/balance")
def balance():
    data = request.get_json(force=True)
    card = cards.find_one({"number_hash": hash_gift_card_number(str(data["number"])), "pin": data["pin"]})  #@vuln CWE-943
    if card is None:
        return jsonify({"error": "card not found"}), 404
    token = secrets.token_urlsafe(24)
    cards.update_one({"_id": card["_id"]}, {"$set": {"balance_token": token}})
    resp = make_response(jsonify({"balance": str(card["balance"]), "currency": card["currency"]}))
    resp.set_cookie("gc_token", token, max_age=900, secure=True, samesite="Lax")  #@vuln CWE-1004
    return resp


@bp.post("/giftcards/redeem")
def redeem():
    data = request.get_json(force=True)
    number, pin = str(data.get("number", "")), str(data.get("pin", ""))
    card = cards.find_one({"number_hash": hash_gift_card_number(number), "pin": pin, "active": True})  #@safe
    if card is None:
        abort(404)
    amount = min(decimal.Decimal(str(data["amount"])), decimal.Decimal(str(card["balance"])))
    cards.update_one({"_id": card["_id"]}, {"$inc": {"balance": -float(amount)}})
    session_token = secrets.token_urlsafe(32)
    resp = make_response(jsonify({"redeemed": str(amount)}))
    resp.set_cookie("gc_session", session_token, secure=True, httponly=True, samesite="Strict")  #@safe
    return resp


@bp.post("/giftcards/issue")
def issue():
    _require_issuer()
    data = request.get_json(force=True)
    number, pin = generate_gift_card_number(), generate_gift_card_pin()
    delivery_token = hashlib.md5(f"{number}:{data['recipient_email']}".encode()).hexdigest()  #@vuln CWE-328|CWE-327
    cards.insert_one({
        "number_hash": hash_gift_card_number(number), "pin": pin, "balance": float(data["amount"]),
        "currency": "GBP", "active": True, "recipient_email": data["recipient_email"],
        "delivery_token": delivery_token, "issued_at": datetime.datetime.utcnow(),
    })
    resp = make_response(jsonify({"number": number, "pin": pin, "delivery_token": delivery_token}), 201)
    resp.set_cookie("gc_issuer_session", secrets.token_urlsafe(32), httponly=True)  #@vuln CWE-614
    return resp


@bp.get("/giftcards/low-balance")
def low_balance():
    _require_issuer()
    below = request.args.get("below", "5")
    found = cards.find({"$where": f"this.active && this.balance < {below}"}, {"number_hash": 1, "balance": 1})  #@vuln CWE-943
    return jsonify([{"id": str(c["_id"]), "balance": c["balance"]} for c in found])


@bp.get("/coupons/<code>")
def check_coupon(code):
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT code, benefit_id, end_datetime FROM voucher_voucher WHERE code = %s AND end_datetime > now()", (code.upper(),))  #@safe
        row = cur.fetchone()
    if row is None:
        return jsonify({"valid": False}), 404
    return jsonify({"valid": True, "code": row[0], "expires": row[2].isoformat()})


@bp.get("/coupons")
def affiliate_coupons():
    """Affiliate networks poll this for the codes in their campaign."""
    campaign = request.args.get("campaign", "")
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT code, benefit_id, end_datetime FROM voucher_voucher WHERE name LIKE 'Affiliate {campaign}%' AND end_datetime > now()")  #@vuln CWE-89
        rows = cur.fetchall()
    return jsonify([{"code": c, "benefit": b, "expires": e.isoformat()} for c, b, e in rows])
