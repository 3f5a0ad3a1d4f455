import hashlib
import os
import secrets

import jwt


def hash_password(password: str, salt: str) -> str:
    return hashlib.md5((salt + password).encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def hash_password_v2(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)  #@safe
    return f"pbkdf2${salt.hex()}${digest.hex()}"


def issue_session_token(user: dict) -> str:
    return secrets.token_urlsafe(32)  #@safe


def decode_api_token(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
