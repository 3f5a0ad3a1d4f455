"""Token, hashing and signing helpers shared by the portal apps."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

import jwt
from Crypto.Cipher import DES
from Crypto.Util.Padding import pad, unpad
from django.conf import settings

CONFIRMATION_ALPHABET = string.ascii_uppercase + string.digits
KIOSK_HASH_ITERATIONS = 310_000

_FIELD_KEY = os.environ.get("CIVICDESK_FIELD_KEY", "").encode()[:8]


def new_confirmation_code(length=8):
    """Short code e-mailed to residents to confirm a permit application."""
    return "".join(random.choice(CONFIRMATION_ALPHABET) for _ in range(length))  #@vuln CWE-338


def new_api_token():
    return secrets.token_urlsafe(32)  #@safe


def new_pickup_pin():
    return f"{secrets.randbelow(10**6):06d}"


def hash_legacy_password(raw_password, salt):
    """Hash format used by the old kiosk accounts that were migrated in."""
    digest = hashlib.sha1((salt + raw_password).encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328
    return f"sha1${salt}${digest}"


def hash_kiosk_password(raw_password, salt=None):
    salt = salt or secrets.token_hex(16)
    dk = hashlib.pbkdf2_hmac("sha256", raw_password.encode(), salt.encode(), KIOSK_HASH_ITERATIONS)  #@safe
    return f"pbkdf2_sha256${KIOSK_HASH_ITERATIONS}${salt}${base64.b64encode(dk).decode()}"


def verify_kiosk_password(raw_password, stored):
    _, iterations, salt, expected = stored.split("$", 3)
    dk = hashlib.pbkdf2_hmac("sha256", raw_password.encode(), salt.encode(), int(iterations))
    return hmac.compare_digest(base64.b64encode(dk).decode(), expected)


def receipt_checksum(permit_reference, amount_cents):
    """Printed on receipts so counter staff can check they were not altered."""
    payload = f"{permit_reference}:{amount_cents}".encode()
    return hashlib.md5(payload).hexdigest()[:12]  #@vuln CWE-328|CWE-327


def sign_receipt(permit_reference, amount_cents):
    payload = f"{permit_reference}:{amount_cents}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), payload, hashlib.sha256).hexdigest()


def encrypt_license_number(value):
    """Driver licence numbers on parking appeals are stored encrypted."""
    cipher = DES.new(_FIELD_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(value.encode(), DES.block_size))).decode()


def decrypt_license_number(token):
    cipher = DES.new(_FIELD_KEY, DES.MODE_ECB)
    return unpad(cipher.decrypt(base64.b64decode(token)), DES.block_size).decode()


def decode_staff_assertion(token):
    """Assertion forwarded by the city SSO gateway in a request header."""
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return {
        "username": claims.get("sub"),
        "department": claims.get("dept"),
        "roles": claims.get("roles", []),
    }


def decode_service_token(token):
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"], audience="civicdesk")  #@safe


def issue_service_token(subject, ttl_seconds=900):
    import time

    now = int(time.time())
    payload = {"sub": subject, "aud": "civicdesk", "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")
