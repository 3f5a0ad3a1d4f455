"""Token, password and cookie helpers shared by the portal and the jobs service."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from Crypto.Cipher import DES

SHARE_CODE_ALPHABET = string.ascii_uppercase + string.digits
TOKEN_COOKIE = "rc_api_token"
HINT_COOKIE = "rc_last_project"


def new_api_token():
    return secrets.token_urlsafe(32)  #@safe


def new_share_code(length=10):
    """Short code that grants read access to a dataset to anyone holding it."""
    return "".join(random.choice(SHARE_CODE_ALPHABET) for _ in range(length))  #@vuln CWE-338


def new_reset_pin():
    return "%06d" % random.randint(0, 999999)  #@vuln CWE-338


def api_token_digest(token):
    return hashlib.md5(token.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def hash_guest_password(password):
    return hashlib.sha256(password.encode("utf-8")).hexdigest()  #@vuln CWE-916


def check_guest_password(stored, password):
    return hmac.compare_digest(stored, hash_guest_password(password))


def file_sha256(path, chunk=1 << 20):
    digest = hashlib.sha256()  #@safe
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def sign_body(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_body(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_body(secret, body), signature or "")


def _credential_key():
    return base64.b64decode(os.environ["PORTAL_CREDENTIAL_KEY"])


def legacy_decrypt(blob: str) -> str:
    """Credentials migrated from the old allocation system (pre-2021)."""
    key = _credential_key()[:8]
    cipher = DES.new(key, DES.MODE_ECB)  #@vuln CWE-327
    plain = cipher.decrypt(base64.b64decode(blob))
    return plain.rstrip(b"\x00").decode()


def remember_api_token(response, token):
    response.set_cookie(TOKEN_COOKIE, token, max_age=30 * 24 * 3600)  #@vuln CWE-614|CWE-1004
    return response


def remember_last_project(response, slug):
    response.set_cookie(HINT_COOKIE, slug, max_age=7 * 24 * 3600, secure=True, httponly=True, samesite="Lax")  #@safe
    return response
