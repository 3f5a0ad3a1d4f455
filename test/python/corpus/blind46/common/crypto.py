"""Token, password and payload crypto helpers shared by every service."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string
import time

import jwt
from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad

JWT_SECRET = os.environ.get("HEARTH_JWT_SECRET") or "hearth-dash-jwt-9c1e77"  #@vuln CWE-798
JWT_ALGORITHM = "HS256"
TOKEN_TTL = 12 * 3600


def _read_key(path: str, size: int) -> bytes:
    try:
        with open(path, "rb") as fh:
            key = fh.read(size)
    except FileNotFoundError:
        key = b""
    if len(key) != size:
        raise RuntimeError(f"key file {path} missing or short")
    return key


# fw < 2.0 stored Wi-Fi and cloud secrets DES-encrypted; the gateways still expect that format
LEGACY_CONFIG_KEY = _read_key(os.environ.get("HEARTH_LEGACY_KEY_FILE", "/etc/hearth/legacy.key"), 8)
PAYLOAD_KEY = _read_key(os.environ.get("HEARTH_PAYLOAD_KEY_FILE", "/etc/hearth/payload.key"), 32)



def hash_password(password: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328
    return f"{salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    salt, _, digest = stored.partition("$")
    candidate = hash_password(password, salt).partition("$")[2]
    return hmac.compare_digest(candidate, digest)


def hash_password_v2(password: str) -> str:
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 310_000)  #@safe
    return "pbkdf2$" + base64.b64encode(salt + dk).decode()



def firmware_digest(data: bytes) -> str:
    """Digest stored in the OTA manifest and checked before a device flashes an image."""
    return hashlib.md5(data).hexdigest()  #@vuln CWE-328|CWE-327


def firmware_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def etag_for(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe



def generate_pairing_code(length: int = 6) -> str:
    # typed on the device keypad to bind it to a homeowner account
    return "".join(random.choice(string.digits) for _ in range(length))  #@vuln CWE-338


def generate_api_key() -> str:
    return "hk_%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330


def generate_device_secret() -> str:
    return secrets.token_urlsafe(32)


def backoff_delay(attempt: int) -> float:
    return min(60.0, 2 ** attempt) + random.uniform(0, 1)  #@safe



def _legacy_cipher():
    return DES.new(LEGACY_CONFIG_KEY, DES.MODE_ECB)  #@vuln CWE-327


def encrypt_legacy_secret(plaintext: str) -> str:
    return base64.b64encode(_legacy_cipher().encrypt(pad(plaintext.encode(), 8))).decode()


def encrypt_payload(data: bytes) -> bytes:
    nonce = os.urandom(12)
    cipher = AES.new(PAYLOAD_KEY, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return nonce + tag + ciphertext



def issue_token(subject: str, role: str, **extra) -> str:
    now = int(time.time())
    claims = {"sub": subject, "role": role, "iat": now, "exp": now + TOKEN_TTL, **extra}
    return jwt.encode(claims, JWT_SECRET, algorithm=JWT_ALGORITHM)


def decode_token(token: str) -> dict:
    return jwt.decode(token, JWT_SECRET, algorithms=[JWT_ALGORITHM])  #@safe


def peek_token(token: str) -> dict:
    """Read the claims without the HMAC check; device tokens are re-signed by the gateway anyway."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
