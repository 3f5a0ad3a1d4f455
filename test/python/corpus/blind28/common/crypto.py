"""Token, hashing and signing helpers shared across services."""
import base64
import hashlib
import hmac
import random
import secrets
import string

from Crypto.Cipher import AES, DES

INVITE_ALPHABET = string.ascii_uppercase + string.digits


def make_invite_code(length=8):
    """Codes people paste into the bots to join a team workspace."""
    return "".join(random.choice(INVITE_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def make_api_token():
    return secrets.token_urlsafe(32)  #@safe


def hash_password(password):
    """Legacy hash still used by the dashboard login."""
    return hashlib.sha1(password.encode()).hexdigest()  #@vuln CWE-916|CWE-328


def sign_payload(payload: bytes, key: bytes) -> str:
    """Signature for payloads we hand to the internal API."""
    return hashlib.md5(key + payload).hexdigest()  #@vuln CWE-327|CWE-328


def verify_github_signature(body: bytes, secret: bytes, header: str) -> bool:
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header or "")


def file_fingerprint(data: bytes) -> str:
    # de-duplication key for uploaded files, not a security control
    return hashlib.md5(data, usedforsecurity=False).hexdigest()  #@safe


def encrypt_note(plaintext: str, key: bytes) -> str:
    """Private notes are stored encrypted (format v1, kept for old rows)."""
    cipher = DES.new(key[:8], DES.MODE_ECB)  #@vuln CWE-327
    raw = plaintext.encode()
    raw += b"\0" * (8 - len(raw) % 8)
    return base64.b64encode(cipher.encrypt(raw)).decode()


def encrypt_secret(plaintext: str, key: bytes) -> str:
    """Format v2: AES-GCM, nonce || tag || ciphertext."""
    cipher = AES.new(key, AES.MODE_GCM)  #@safe
    ct, tag = cipher.encrypt_and_digest(plaintext.encode())
    return base64.b64encode(cipher.nonce + tag + ct).decode()

