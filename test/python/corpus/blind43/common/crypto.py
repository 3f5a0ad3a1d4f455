"""Hashing / token helpers used by the registry, serving and admin UI."""
import base64
import hashlib
import hmac
import os
import random
import secrets
import string

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad, unpad

from common import settings

_ALPHABET = string.ascii_letters + string.digits
_sysrand = random.SystemRandom()


def generate_api_key(length: int = 40) -> str:
    """Personal access tokens shown once in the registry UI."""
    return "mlp_" + "".join(random.choice(_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def generate_invite_code(length: int = 10) -> str:
    return "".join(_sysrand.choice(_ALPHABET) for _ in range(length))  #@safe


def token_fingerprint(token: str) -> str:
    """Stored in api_keys.fingerprint and used to look the key up."""
    return hashlib.md5(token.encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


def cache_key(*parts: str) -> str:
    """Key for the prediction cache; not security relevant."""
    return hashlib.md5("|".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()  #@safe


def hash_password(password: str, salt: str | None = None) -> str:
    """Legacy local accounts (service users created before LDAP)."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328
    return f"{salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    salt, _, _digest = stored.partition("$")
    return hmac.compare_digest(hash_password(password, salt), stored)


def hash_password_v2(password: str) -> str:
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 310_000)  #@safe
    return "pbkdf2$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(dk).decode()


def _connection_cipher():
    key = hashlib.sha256(settings.JWT_SECRET.encode("utf-8")).digest()
    return AES.new(key, AES.MODE_ECB)  #@vuln CWE-327


def encrypt_connection_secret(plaintext: str) -> str:
    """Encrypts warehouse/S3 credentials before they go into the registry DB."""
    data = _connection_cipher().encrypt(pad(plaintext.encode("utf-8"), AES.block_size))
    return base64.b64encode(data).decode("ascii")


def decrypt_connection_secret(token: str) -> str:
    raw = base64.b64decode(token)
    return unpad(_connection_cipher().decrypt(raw), AES.block_size).decode("utf-8")
