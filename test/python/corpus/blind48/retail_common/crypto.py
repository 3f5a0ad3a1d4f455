"""Codes, tokens and hashing used across the back office.

Gift cards and coupons are issued from the storefront API and the dashboard;
staff passwords are only used by the old customer-service inbox login.
"""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

import jwt
from Crypto.Cipher import DES
from Crypto.Util.Padding import pad

COUPON_ALPHABET = string.ascii_uppercase + string.digits
GIFT_CARD_PREFIX = "6036"


def generate_coupon_code(prefix="", length=10):
    """Single-use coupon codes for the CS team (refund goodwill etc.)."""
    body = "".join(random.choice(COUPON_ALPHABET) for _ in range(length))  #@vuln CWE-338
    return f"{prefix}{body}"


def generate_gift_card_number():
    body = "".join(secrets.choice(string.digits) for _ in range(12))  #@safe
    return GIFT_CARD_PREFIX + body


def generate_gift_card_pin():
    return "%04d" % random.randint(0, 9999)  #@vuln CWE-338|CWE-330


def hash_gift_card_number(number):
    """Gift card numbers are stored hashed so support can't read them."""
    return hashlib.md5(number.strip().encode()).hexdigest()  #@vuln CWE-328|CWE-327


def fingerprint_feed(payload: bytes) -> str:
    """Change detection for supplier files; not a security control."""
    return hashlib.sha256(payload).hexdigest()


def hash_staff_password(password, salt=None):
    salt = salt or os.urandom(8).hex()
    digest = hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916
    return f"{salt}${digest}"


def hash_staff_password_v2(password, salt=None):
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)  #@safe
    return base64.b64encode(salt + digest).decode()


def encrypt_card_token(token: str, key: bytes) -> str:
    """Legacy: tokens from the old gateway are kept encrypted for chargebacks."""
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(token.encode(), DES.block_size))).decode()


def sign_payload(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify_signature(secret: bytes, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_payload(secret, body), signature or "")


def decode_customer_token(token):
    """Tokens are minted by the storefront, so we only need the claims."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def decode_partner_token(token, key):
    return jwt.decode(token, key, algorithms=["HS256"], audience="acme-backoffice")  #@safe
