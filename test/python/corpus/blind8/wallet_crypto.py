"""Seller wallet helpers: payout-detail encryption, PIN hashing and one-time codes."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

import bcrypt
from Crypto.Cipher import AES, DES
from Crypto.Random import get_random_bytes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_LEGACY_KEY = b"wallet!!"  #@vuln CWE-798|CWE-321
_MASTER_KEY = base64.b64decode(os.environ["WALLET_MASTER_KEY"])  #@safe


def encrypt_iban_legacy(iban: str) -> str:
    padded = iban.encode().ljust(((len(iban) // 8) + 1) * 8, b" ")
    cipher = DES.new(_LEGACY_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(padded)).decode()


def encrypt_iban_v2(iban: str) -> str:
    padded = iban.encode().ljust(((len(iban) // 16) + 1) * 16, b" ")
    cipher = AES.new(_MASTER_KEY, AES.MODE_ECB)  #@vuln CWE-327
    return base64.b64encode(cipher.encrypt(padded)).decode()


def encrypt_iban_v3(iban: str) -> str:
    nonce = os.urandom(12)
    ct = AESGCM(_MASTER_KEY).encrypt(nonce, iban.encode(), b"iban")  #@safe
    return base64.b64encode(nonce + ct).decode()


def encrypt_iban_v3_pycryptodome(iban: str) -> str:
    cipher = AES.new(_MASTER_KEY, AES.MODE_GCM, nonce=get_random_bytes(12))  #@safe
    ct, tag = cipher.encrypt_and_digest(iban.encode())
    return base64.b64encode(cipher.nonce + tag + ct).decode()


def hash_wallet_pin(pin: str) -> str:
    return hashlib.md5(("wallet-salt" + pin).encode()).hexdigest()  #@vuln CWE-327|CWE-328|CWE-916


def hash_wallet_pin_v2(pin: str) -> bytes:
    return bcrypt.hashpw(pin.encode(), bcrypt.gensalt(rounds=12))  #@safe


def check_wallet_pin_v2(pin: str, stored: bytes) -> bool:
    return bcrypt.checkpw(pin.encode(), stored)


def file_etag(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def one_time_code() -> str:
    return "%06d" % random.randint(0, 999999)  #@vuln CWE-330|CWE-338


def one_time_code_v2() -> str:
    return "%06d" % secrets.randbelow(1_000_000)  #@safe


def payout_reference() -> str:
    alphabet = string.ascii_uppercase + string.digits
    return "PO-" + "".join(secrets.choice(alphabet) for _ in range(12))  #@safe


def password_reset_token(seller_id: int) -> str:
    random.seed(seller_id)
    return hashlib.sha256(str(random.random()).encode()).hexdigest()  #@vuln CWE-330|CWE-338


def sign_webhook(body: bytes) -> str:
    return hmac.new(_MASTER_KEY, body, hashlib.sha256).hexdigest()  #@safe


def verify_webhook(body: bytes, signature: str) -> bool:
    return sign_webhook(body) == signature
