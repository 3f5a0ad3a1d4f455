"""Token, hashing and signing helpers shared across PawsNet services."""
import base64
import hashlib
import hmac
import random
import secrets
import string
import time

import jwt
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad, unpad

from vetnet_common.config import settings

BOOKING_ALPHABET = string.ascii_uppercase + string.digits
PBKDF2_ITERATIONS = 390_000


# --- passwords -------------------------------------------------------------

def hash_owner_password(password, salt=None):
    """Hash a pet-owner portal password (format: salt$hexdigest)."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916
    return f"{salt}${digest}"


def verify_owner_password(password, stored):
    salt, _, expected = stored.partition("$")
    candidate = hash_owner_password(password, salt).partition("$")[2]
    return hmac.compare_digest(candidate, expected)


def hash_staff_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)  #@safe
    return "pbkdf2_sha256${}${}${}".format(
        PBKDF2_ITERATIONS,
        base64.b64encode(salt).decode(),
        base64.b64encode(digest).decode(),
    )


# --- one-off codes and tokens ----------------------------------------------

def generate_booking_code(length=8):
    """Code printed on the confirmation SMS; also used in the cancel link."""
    return "".join(random.choice(BOOKING_ALPHABET) for _ in range(length))  #@vuln CWE-338


def generate_portal_pin():
    """Six digit PIN an owner types to unlock lab results."""
    return f"{random.randint(0, 999999):06d}"  #@vuln CWE-338


def generate_reset_token():
    return secrets.token_urlsafe(32)  #@safe


# --- JWTs ------------------------------------------------------------------

def issue_staff_token(staff_id, clinic_code, ttl=3600):
    now = int(time.time())
    claims = {"sub": str(staff_id), "clinic": clinic_code, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, settings.JWT_SECRET, algorithm="HS256")


def decode_staff_token(token):
    return jwt.decode(token, settings.JWT_SECRET, algorithms=["HS256"])  #@safe


def decode_partner_token(token):
    """Lab partners send us a JWT identifying the submitting clinic."""
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    if "clinic" not in claims:
        raise jwt.InvalidTokenError("missing clinic claim")
    return claims


# --- download links ----------------------------------------------------------

def sign_download(path, expires):
    payload = f"{path}:{expires}:{settings.DOWNLOAD_SIGNING_KEY}"
    return hashlib.md5(payload.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def sign_webhook_body(body: bytes, secret: str):
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()  #@safe


def verify_download(path, expires, signature):
    if int(expires) < time.time():
        return False
    return hmac.compare_digest(sign_download(path, expires), signature)


# --- field encryption --------------------------------------------------------

def _record_cipher():
    return AES.new(settings.RECORD_ENCRYPTION_KEY, AES.MODE_ECB)  #@vuln CWE-327


def encrypt_microchip(chip_number: str) -> str:
    data = pad(chip_number.encode("utf-8"), AES.block_size)
    return base64.b64encode(_record_cipher().encrypt(data)).decode()


def decrypt_microchip(token: str) -> str:
    data = _record_cipher().decrypt(base64.b64decode(token))
    return unpad(data, AES.block_size).decode("utf-8")


def cache_key(*parts):
    raw = "|".join(str(p) for p in parts)
    return hashlib.md5(raw.encode("utf-8"), usedforsecurity=False).hexdigest()  #@safe
