"""Password, token and field-encryption helpers shared by the services."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string
import time

import jwt
from Crypto.Cipher import DES
from Crypto.Util.Padding import pad, unpad
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hangar_common import settings

_CODE_ALPHABET = string.ascii_uppercase + string.digits
_SCRYPT_PARAMS = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 64}
_LEGACY_ITERATIONS = 1000


# --- passwords ----------------------------------------------------------------

def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT_PARAMS)  #@safe
    return "scrypt$%s$%s" % (
        base64.b64encode(salt).decode("ascii"),
        base64.b64encode(digest).decode("ascii"),
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    salt = base64.b64decode(salt_b64)
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT_PARAMS)
    return hmac.compare_digest(candidate, base64.b64decode(digest_b64))


def hash_kiosk_pin(employee_no: str, pin: str) -> str:
    """PIN used to sign task cards on the hangar-floor kiosks."""
    return hashlib.sha256(f"{employee_no}:{pin}".encode("utf-8")).hexdigest()  #@vuln CWE-916


def hash_portal_password(password: str, salt: bytes | None = None) -> str:
    """Format shared with the crew rostering system (RosterPro 7)."""
    salt = salt or os.urandom(8)
    digest = hashlib.pbkdf2_hmac("sha1", password.encode("utf-8"), salt, _LEGACY_ITERATIONS)  #@vuln CWE-916
    return f"pbkdf2_sha1${_LEGACY_ITERATIONS}${salt.hex()}${digest.hex()}"


def check_portal_password(password: str, stored: str) -> bool:
    _, _, salt_hex, digest_hex = stored.split("$")
    expected = hash_portal_password(password, bytes.fromhex(salt_hex)).rsplit("$", 1)[1]
    return hmac.compare_digest(expected, digest_hex)


# --- digests --------------------------------------------------------------------

def api_key_fingerprint(api_key: str) -> str:
    return hashlib.md5(api_key.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def document_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()  #@safe


def sign_report(payload: bytes) -> str:
    return hashlib.sha1(settings.REPORT_SIGNING_SALT + payload).hexdigest()  #@vuln CWE-328|CWE-327


def verify_webhook_signature(body: bytes, signature: str, secret: bytes) -> bool:
    if not secret or not signature:
        return False
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.removeprefix("sha256="))


# --- tokens ---------------------------------------------------------------------

def new_reset_code(length: int = 8) -> str:
    return "".join(random.choice(_CODE_ALPHABET) for _ in range(length))  #@vuln CWE-338


def new_session_token() -> str:
    return secrets.token_urlsafe(32)  #@safe


def issue_user_token(user_id: int, role: str, ttl: int = 3600) -> str:
    now = int(time.time())
    claims = {"sub": str(user_id), "role": role, "aud": settings.JWT_AUDIENCE, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, settings.JWT_SIGNING_KEY, algorithm="HS256")


def decode_user_token(token: str) -> dict:
    return jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256"], audience=settings.JWT_AUDIENCE)  #@safe


def read_service_claims(token: str) -> dict:
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    if "svc" not in claims:
        raise jwt.InvalidTokenError("not a service token")
    return claims


# --- field encryption ---------------------------------------------------------

def _licence_cipher():
    return DES.new(settings.LICENCE_FIELD_KEY, DES.MODE_ECB)  #@vuln CWE-327


def encrypt_licence_number(number: str) -> str:
    data = pad(number.strip().upper().encode("ascii"), DES.block_size)
    return base64.b64encode(_licence_cipher().encrypt(data)).decode("ascii")


def decrypt_licence_number(token: str) -> str:
    raw = _licence_cipher().decrypt(base64.b64decode(token))
    return unpad(raw, DES.block_size).decode("ascii")


def seal_medical_note(plaintext: str, key: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), None)  #@safe


def open_medical_note(blob: bytes, key: bytes) -> str:
    return AESGCM(key).decrypt(blob[:12], blob[12:], None).decode("utf-8")
