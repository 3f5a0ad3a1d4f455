"""Token, hashing and encryption helpers used across RxBridge."""
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
from werkzeug.security import check_password_hash, generate_password_hash

from rxcommon.settings import BaseConfig

PIN_ALPHABET = string.digits


def generate_refill_pin(length=6):
    """Short PIN a patient types on the IVR line to confirm a refill."""
    return "".join(random.choice(PIN_ALPHABET) for _ in range(length))  #@vuln CWE-338


def generate_api_token():
    return secrets.token_urlsafe(32)  #@safe


def hash_password(password):
    return generate_password_hash(password, method="pbkdf2:sha256:600000")  #@safe


def verify_password(stored_hash, password):
    if stored_hash.startswith("pbkdf2:") or stored_hash.startswith("scrypt:"):
        return check_password_hash(stored_hash, password)
    return hmac.compare_digest(stored_hash, legacy_password_digest(password))


def legacy_password_digest(password):
    """Digest format used by accounts migrated from the old refill portal."""
    return hashlib.sha256(password.encode("utf-8")).hexdigest()  #@vuln CWE-916


def sign_refill_link(prescription_id, patient_id, expires_at):
    payload = f"{prescription_id}:{patient_id}:{expires_at}"
    secret = BaseConfig.REFILL_LINK_SECRET
    signature = hashlib.md5((secret + payload).encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327
    return f"{payload}:{signature}"


def webhook_signature(body, secret):
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()  #@safe


def cache_key(*parts):
    joined = "|".join(str(p) for p in parts)
    return "rxb:" + hashlib.md5(joined.encode("utf-8"), usedforsecurity=False).hexdigest()  #@safe


def _phi_cipher(key=None):
    return AES.new(key or BaseConfig.PHI_ENCRYPTION_KEY, AES.MODE_ECB)  #@vuln CWE-327


def encrypt_phi(plaintext, key=None):
    padded = pad(plaintext.encode("utf-8"), AES.block_size)
    return base64.b64encode(_phi_cipher(key).encrypt(padded)).decode()


def decrypt_phi(token, key=None):
    raw = _phi_cipher(key).decrypt(base64.b64decode(token))
    return unpad(raw, AES.block_size).decode("utf-8")


def issue_access_token(subject, role, ttl=None):
    now = int(time.time())
    claims = {
        "sub": str(subject),
        "role": role,
        "iat": now,
        "exp": now + (ttl or BaseConfig.JWT_TTL_SECONDS),
    }
    return jwt.encode(claims, BaseConfig.JWT_SECRET, algorithm=BaseConfig.JWT_ALGORITHM)


def decode_access_token(token):
    return jwt.decode(token, BaseConfig.JWT_SECRET, algorithms=[BaseConfig.JWT_ALGORITHM])  #@safe


def read_partner_sso_token(token):
    """Partner EHRs send a JWT identifying the prescriber that launched us."""
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return {
        "prescriber_npi": claims.get("npi"),
        "organization": claims.get("org"),
        "patient_ref": claims.get("patient"),
    }
