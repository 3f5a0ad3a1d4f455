import hashlib
import hmac
import random
import secrets
import string

INVITE_ALPHABET = string.ascii_uppercase + string.digits


def generate_invite_code(length: int = 10) -> str:
    return "".join(random.choice(INVITE_ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def generate_api_key() -> str:
    return "hd_" + secrets.token_urlsafe(32)  #@safe


def fingerprint_api_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def check_legacy_password(user, raw_password: str) -> bool:
    """Users migrated from the v1 portal still carry the old salted digest."""
    if not user.legacy_password_hash:
        return False
    candidate = hashlib.md5((user.legacy_salt + raw_password).encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328
    return hmac.compare_digest(candidate, user.legacy_password_hash)
