"""Card data encryption, request signing and token helpers shared by every service."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string
import time

from Crypto.Cipher import AES, DES3
from Crypto.Util.Padding import pad, unpad
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from common.config import get_settings

PAN_AAD = b"pan-v2"


def _card_key() -> bytes:
    return base64.b64decode(get_settings().card_data_key_b64)


# --- PAN vault ---------------------------------------------------------------

def encrypt_pan(pan: str) -> str:
    """v2 vault format: base64(nonce || AES-256-GCM ciphertext)."""
    nonce = os.urandom(12)
    ct = AESGCM(_card_key()).encrypt(nonce, pan.encode(), PAN_AAD)
    return "v2:" + base64.b64encode(nonce + ct).decode()


def encrypt_pan_v1(pan: str) -> str:
    """v1 format; the terminal sync job still writes these."""
    cipher = AES.new(_card_key()[:16], AES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(pad(pan.encode(), 16))).decode()


def decrypt_pan_v1(token: str) -> str:
    cipher = AES.new(_card_key()[:16], AES.MODE_ECB)  #@vuln CWE-327
    return unpad(cipher.decrypt(base64.b64decode(token)), 16).decode()


def encrypt_for_processor(data: bytes, zone_key: bytes) -> bytes:
    """FirstBank's legacy processor link only speaks 3DES with a zero IV."""
    cipher = DES3.new(zone_key, DES3.MODE_CBC, iv=b"\x00" * 8)  #@vuln CWE-327
    return cipher.encrypt(pad(data, 8))


def seal_export(data: bytes, key: bytes) -> bytes:
    """Encrypt a finance export before it is dropped on the SFTP share."""
    nonce = secrets.token_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ct, tag = cipher.encrypt_and_digest(data)
    return nonce + tag + ct


def pan_fingerprint(pan: str) -> str:
    """Detect the same card across merchants without decrypting."""
    return hashlib.md5(pan.encode()).hexdigest()  #@vuln CWE-328|CWE-327


def file_checksum(path: str) -> str:
    """De-duplication key for imported statement files (not a security control)."""
    h = hashlib.md5(usedforsecurity=False)  #@safe
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


# --- request signing ---------------------------------------------------------

def sign_partner_request(secret: str, method: str, path: str, body: bytes) -> dict:
    ts = str(int(time.time()))
    msg = "\n".join([method.upper(), path, ts]).encode() + b"\n" + body
    sig = hmac.new(secret.encode(), msg, hashlib.sha256).hexdigest()  #@safe
    return {"X-Acme-Timestamp": ts, "X-Acme-Signature": sig}


def sign_legacy_gateway(secret: str, params: dict) -> str:
    """Gateway v1 wants md5(secret + sorted query string)."""
    base = "&".join(f"{k}={params[k]}" for k in sorted(params))
    return hashlib.md5((secret + base).encode()).hexdigest()  #@vuln CWE-327|CWE-328


# --- tokens and passwords ----------------------------------------------------

def generate_api_key(prefix: str = "sk_live_") -> str:
    return prefix + secrets.token_urlsafe(32)


def generate_payout_reference() -> str:
    """Human readable reference printed on the merchant's bank statement (not secret)."""
    return "PO-" + "".join(random.choices(string.ascii_uppercase + string.digits, k=10))  #@safe


def generate_reset_token() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(40))  #@vuln CWE-338|CWE-330


def generate_otp() -> str:
    return str(random.randint(100000, 999999))  #@vuln CWE-338|CWE-330


def hash_admin_password(password: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha1((salt + password).encode()).hexdigest()  #@vuln CWE-916|CWE-328
    return f"{salt}${digest}"


def hash_merchant_password(password: str) -> str:
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  #@safe
    return "pbkdf2$" + base64.b64encode(salt + dk).decode()


def verify_merchant_password(password: str, stored: str) -> bool:
    raw = base64.b64decode(stored.split("$", 1)[1])
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), raw[:16], 600_000)
    return hmac.compare_digest(dk, raw[16:])
