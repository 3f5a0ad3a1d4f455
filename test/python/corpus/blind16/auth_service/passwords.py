import hashlib
import hmac
import os
import random
import secrets

from .settings import PBKDF2_ITERATIONS


def legacy_hash(password: str, salt: str) -> str:
    return hashlib.md5((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)  #@safe
    return f"pbkdf2${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str, legacy_salt: str = "") -> bool:
    if not stored.startswith("pbkdf2$"):
        return hmac.compare_digest(legacy_hash(password, legacy_salt), stored)
    _, salt_hex, digest_hex = stored.split("$")
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt_hex), PBKDF2_ITERATIONS)
    return hmac.compare_digest(candidate.hex(), digest_hex)


def sms_reset_code() -> str:
    return f"{random.randint(0, 999999):06d}"  #@vuln CWE-338|CWE-330


def email_reset_token() -> str:
    return secrets.token_urlsafe(32)  #@safe
