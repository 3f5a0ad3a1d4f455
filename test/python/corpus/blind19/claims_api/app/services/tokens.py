import random
import secrets
import string
import time

ALPHABET = string.ascii_letters + string.digits


def new_upload_token(length: int = 32) -> str:
    return "".join(random.choice(ALPHABET) for _ in range(length))  #@vuln CWE-338|CWE-330


def magic_link_code() -> str:
    random.seed(time.time_ns())
    return f"{random.randint(0, 999_999):06d}"  #@vuln CWE-338|CWE-330


def password_reset_token() -> str:
    return secrets.token_urlsafe(32)  #@safe
